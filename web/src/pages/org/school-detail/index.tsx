import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { School } from '../../../../../common/schemas/org.js';
import { api } from '../../../api/client.js';
import { PageContainer } from '../../../components/page-container.js';
import { SchoolDetailCard } from '../schools/components/school-detail-card.js';

export default function SchoolDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data } = useQuery({ queryKey: ['/api/schools', Number(id)], queryFn: () => api.get<School>(`/api/schools/${id}`) });
  return (
    <PageContainer
      title={t('menu.schoolDetail')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
      {data ? (
        <SchoolDetailCard school={data} />
      ) : (
        <Card>
          <Skeleton active />
        </Card>
      )}
    </PageContainer>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../common/schemas/common.js';
import type { School } from '../../../../../common/schemas/org.js';
import { api } from '../../../api/client.js';
import { PageContainer } from '../../../components/page-container.js';
import { SchoolDetailCard } from '../schools/components/school-detail-card.js';

/** 本校信息: a school admin's own school (the scoped list holds just it). */
export default function MySchoolPage() {
  const { t } = useTranslation();
  const query = { page: 1, pageSize: 1 };
  const { data, isPending } = useQuery({ queryKey: ['/api/schools', query], queryFn: () => api.get<Page<School>>('/api/schools', query) });
  const school = data?.items[0];
  return (
    <PageContainer title={t('menu.mySchool')}>
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : school ? (
        <SchoolDetailCard school={school} />
      ) : (
        <Card>
          <Empty description={t('school.noSchool')} />
        </Card>
      )}
    </PageContainer>
  );
}

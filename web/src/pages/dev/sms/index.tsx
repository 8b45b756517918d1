import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { PageContainer } from '../../../components/page-container.js';
import { formatTime } from '../../../labels.js';

type OutboxMessage = { id: number | string; mobile: string; body: string; createdAt: string };

/** ACC-9: the development SMS outbox (no login needed; the server only offers it in development). */
export default function DevSmsPage() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({
    queryKey: ['dev-sms-outbox'],
    queryFn: () => api.get<OutboxMessage[] | { items: OutboxMessage[] }>('/api/dev/sms-outbox'),
    refetchInterval: 3000,
    meta: { quiet: true },
    retry: false,
  });
  const items = Array.isArray(data) ? data : (data?.items ?? []);

  return (
    <div style={{ padding: 16, maxWidth: 1100, margin: '0 auto' }}>
      <PageContainer
        title={t('devSms.title')}
        extra={
          <>
            <Tag color="processing">{t('devSms.autoRefresh')}</Tag>
            <Link to="/login">{t('devSms.backToLogin')}</Link>
          </>
        }
      >
        <Alert type={error ? 'warning' : 'info'} showIcon title={error ? t('devSms.unavailable') : t('devSms.hint')} style={{ marginBottom: 16 }} />
        <Card size="small">
          <Table<OutboxMessage>
            rowKey="id"
            loading={isPending}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="sms-outbox"
            columns={[
              { title: t('devSms.createdAt'), dataIndex: 'createdAt', render: formatTime, width: 180 },
              { title: t('devSms.mobile'), dataIndex: 'mobile', width: 140 },
              {
                title: t('devSms.body'),
                dataIndex: 'body',
                render: (body: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{body}</Typography.Text>,
              },
            ]}
          />
        </Card>
      </PageContainer>
    </div>
  );
}

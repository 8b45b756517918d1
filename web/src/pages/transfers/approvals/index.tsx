import { Alert, Card, Flex, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { TRANSFER_STATES, type TransferState } from '../../../../../common/machines.js';
import { PageContainer } from '../../../components/page-container.js';
import { TransferTable } from '../components/transfer-table.js';

const ALL = 'all';

/**
 * TCH-5 for bureaus and the province: the transfers routed to me (待审批 first) to 批准 or 驳回
 * with a reason, and every transfer touching my region, read-only.
 */
export default function TransferApprovalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'scope' ? 'scope' : 'approve';
  const picked = params.get('state') ?? (tab === 'approve' ? 'pending' : ALL);
  const state = (TRANSFER_STATES as readonly string[]).includes(picked) ? (picked as TransferState) : undefined;

  const setQuery = (nextTab: string, nextState?: string) => {
    const next = new URLSearchParams();
    if (nextTab !== 'approve') next.set('tab', nextTab);
    if (nextState) next.set('state', nextState);
    setParams(next);
  };

  const stateFilter = (
    <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text>{t('transfer.state')}</Typography.Text>
      <Select
        value={state ?? ALL}
        onChange={(v) => setQuery(tab, v)}
        style={{ minWidth: 160 }}
        options={[{ value: ALL, label: t('common.all') }, ...TRANSFER_STATES.map((s) => ({ value: s, label: t(`transferState.${s}`) }))]}
        data-testid="transfer-state-filter"
      />
    </Flex>
  );

  return (
    <PageContainer title={t('menu.transferApprovals')}>
      <Alert type="info" showIcon title={t('transfer.routingHint')} style={{ marginBottom: 16 }} />
      <Card size="small" styles={{ body: { padding: '0 16px 16px' } }}>
        <Tabs
          destroyOnHidden
          activeKey={tab}
          onChange={(key) => setQuery(key)}
          items={[
            {
              key: 'approve',
              label: t('transfer.tabApprove'),
              children: (
                <>
                  {stateFilter}
                  <TransferTable key={state ?? ALL} box="approve" state={state} actionable testId="transfers-approve" />
                </>
              ),
            },
            {
              key: 'scope',
              label: t('transfer.tabScope'),
              children: (
                <>
                  {stateFilter}
                  <TransferTable key={state ?? ALL} state={state} testId="transfers-scope" />
                </>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}

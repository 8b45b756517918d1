import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Grid, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferState } from '../../../../../common/machines.js';
import type { Page } from '../../../../../common/schemas/common.js';
import type { Transfer } from '../../../../../common/schemas/teachers.js';
import { api } from '../../../api/client.js';
import { formatTime } from '../../../labels.js';
import { TransferActions } from './transfer-actions.js';
import { schoolLabel, TransferDrawer } from './transfer-drawer.js';
import { TransferStateTag } from './transfer-tags.js';

type Props = {
  /** `approve`: waiting for me; `applied`: my school's applications; `out`: teachers leaving my school; none: all in scope. */
  box?: 'approve' | 'applied' | 'out';
  state?: TransferState;
  /** Columns that would only repeat my own school. */
  hide?: ('fromSchool' | 'toSchool')[];
  /** Show the steps the server allows (批准 / 驳回 / 撤回); otherwise read-only. */
  actionable?: boolean;
  testId: string;
};

/**
 * A paged list of transfers (TCH-5). On a phone only the teacher, the state and the buttons stay
 * in the row; the rest, with every step and its reason, is in the drawer.
 */
export function TransferTable({ box, state, hide = [], actionable = false, testId }: Props) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<Transfer | null>(null);
  const query = { box, state, ...paging };
  const { data, isFetching } = useQuery({
    queryKey: ['/api/transfers', query],
    queryFn: () => api.get<Page<Transfer>>('/api/transfers', query),
    placeholderData: (prev) => prev,
  });

  const columns: TableColumnsType<Transfer> = [
    {
      title: t('teacher.name'),
      key: 'name',
      fixed: isPhone ? undefined : 'left',
      render: (_, r) => (
        <>
          <Typography.Link onClick={() => setOpen(r)} data-testid={`transfer-open-${r.id}`}>
            {r.teacherName}
          </Typography.Link>
          {isPhone ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.shixunNo}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    { title: t('teacher.shixunNo'), dataIndex: 'shixunNo', responsive: ['md'] },
    { title: t('transfer.fromSchool'), key: 'fromSchool', responsive: ['md'], render: (_, r) => schoolLabel(r.fromSchool) },
    { title: t('transfer.toSchool'), key: 'toSchool', responsive: ['md'], render: (_, r) => schoolLabel(r.toSchool) },
    { title: t('transfer.approver'), dataIndex: 'approverName', responsive: ['md'] },
    { title: t('transfer.state'), dataIndex: 'state', render: (v: TransferState) => <TransferStateTag state={v} /> },
    { title: t('transfer.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setOpen(r)} data-testid={`transfer-detail-${r.id}`}>
            {t('transfer.history')}
          </Button>
          {actionable ? <TransferActions transfer={r} variant="row" /> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<Transfer>
        rowKey="id"
        columns={columns.filter((c) => !hide.includes(c.key as 'fromSchool' | 'toSchool'))}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 'max-content' }}
        size="middle"
        data-testid={testId}
        pagination={{
          current: data?.page ?? paging.page,
          pageSize: data?.pageSize ?? paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
      />
      <TransferDrawer transfer={open ? { ...open, actions: actionable ? open.actions : [] } : null} onClose={() => setOpen(null)} onChange={setOpen} />
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Empty, Flex, Grid, Input, Modal, Popover, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLMENT_STATES, type EnrolmentState } from '../../../../../../common/training.js';
import { showError } from '../../../../api/client.js';
import { type BatchResult, ENROLMENTS_URL, enrolmentActions } from '../../../../api/enrolment.js';
import { type ClassPeriod, type Enrolment, enrolmentApi, TRAINING_KEYS } from '../../../../api/training.js';
import { EnrolmentStateTag, enrolmentStateLabel } from '../../../../components/enrolment-state-tag.js';
import { ReasonModal } from '../../../../components/reason-modal.js';
import { formatTime } from '../../../../labels.js';
import { HistoryTimeline } from '../../components/history-timeline.js';
import { teacherColumn } from './teacher-column.js';

const ALL = 'all';

/** The institution's re-review (机构复核): admit or reject. */
type BatchAction = 'admit' | 'reject';

type Props = {
  cls: ClassPeriod;
  /** The institution that runs the class may admit and reject; a bureau reads. */
  manage: boolean;
  onOpenLottery: () => void;
};

/**
 * ENR-4 报名复核: the class's enrolments (待复核 first for the institution), admitted or rejected in
 * batches; a rejection needs the reason the teacher reads, and every refused row says why.
 */
export function EnrolmentsTab({ cls, manage, onOpenLottery }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [state, setState] = useState<string>(manage ? 'pending_institution' : ALL);
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ action: BatchAction; result: BatchResult; names: Map<number, string> } | null>(null);
  const query = { classId: cls.id, state: state === ALL ? undefined : state, q: q || undefined, ...paging };
  const { data, isFetching } = useQuery({
    queryKey: [ENROLMENTS_URL, query],
    queryFn: () => enrolmentApi.list(query),
    placeholderData: (prev) => prev,
  });
  const items = data?.items ?? [];
  const byId = new Map(items.map((e) => [e.id, e]));
  const lotteryPending = cls.taken > cls.capacity && !cls.lotteryRun;

  const finish = (action: BatchAction, result: BatchResult) => {
    // Names as they were when acting: the refreshed page may no longer hold these rows.
    const names = new Map(selected.map((id) => [id, byId.get(id)?.teacherName ?? `#${id}`]));
    setSelected([]);
    setOutcome({ action, result, names });
    void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
    void queryClient.invalidateQueries({ queryKey: TRAINING_KEYS.projects });
    void queryClient.invalidateQueries({ queryKey: ['/api/classes', cls.id] });
  };

  const admit = () =>
    modal.confirm({
      title: t('classConsole.admitConfirm', { count: selected.length }),
      content: t('classConsole.admitHint'),
      okText: t('classConsole.admit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          finish('admit', await enrolmentActions.batchReview(selected, 'admit'));
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      },
    });

  const selectable = (e: Enrolment) => e.abilities.admit || e.abilities.reject;
  const columns: TableColumnsType<Enrolment> = [
    teacherColumn(t),
    { title: t('classConsole.school'), dataIndex: 'schoolName', responsive: ['md'], render: (v: string | null) => v ?? '-' },
    { title: t('classConsole.round'), dataIndex: 'round', responsive: ['lg'], render: (v: number) => t(`classConsole.round${v === 2 ? 2 : 1}`) },
    {
      title: t('classConsole.state'),
      dataIndex: 'state',
      render: (v: EnrolmentState, e) => (
        <Popover
          trigger="click"
          title={t('classConsole.historyOf', { name: e.teacherName })}
          content={
            <div style={{ maxWidth: 320, maxHeight: 360, overflow: 'auto', paddingTop: 8 }}>
              <HistoryTimeline history={e.history} />
            </div>
          }
        >
          <span style={{ cursor: 'pointer' }} data-testid={`enrolment-state-${e.id}`}>
            <EnrolmentStateTag state={v} />
          </span>
        </Popover>
      ),
    },
    { title: t('classConsole.enrolledAt'), dataIndex: 'createdAt', responsive: ['lg'], render: formatTime },
  ];

  const failedRows = outcome?.result.failed ?? [];
  return (
    <div data-testid="console-enrolments">
      {manage && lotteryPending ? (
        <Alert
          type="warning"
          showIcon
          title={t('classConsole.lotteryFirst', { taken: cls.taken, capacity: cls.capacity })}
          action={
            <Button size="small" onClick={onOpenLottery}>
              {t('classConsole.goLottery')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          value={state}
          onChange={(v) => {
            setState(v);
            setSelected([]);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          style={{ minWidth: 170 }}
          options={[
            { value: ALL, label: t('common.all') },
            ...ENROLMENT_STATES.filter((s) => s !== 'listed').map((s) => ({ value: s, label: enrolmentStateLabel(t, s) })),
          ]}
          data-testid="enrolment-state-filter"
        />
        <Input.Search
          allowClear
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => {
            setQ(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          placeholder={t('classConsole.searchPlaceholder')}
          style={{ width: isPhone ? '100%' : 260 }}
          data-testid="enrolment-search"
        />
      </Flex>
      {manage ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('classConsole.selectedCount', { count: selected.length })}</Typography.Text>
          <Button
            type="primary"
            disabled={selected.length === 0 || lotteryPending || !selected.some((id) => byId.get(id)?.abilities.admit)}
            loading={busy}
            onClick={admit}
            data-testid="enrolment-admit"
          >
            {t('classConsole.admit')}
          </Button>
          <Button
            danger
            disabled={selected.length === 0 || !selected.some((id) => byId.get(id)?.abilities.reject)}
            onClick={() => setRejecting(true)}
            data-testid="enrolment-reject"
          >
            {t('classConsole.reject')}
          </Button>
        </Flex>
      ) : null}
      <Table<Enrolment>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={isFetching && !data}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowSelection={
          manage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (e) => ({ disabled: !selectable(e) }),
              }
            : undefined
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={state === 'pending_institution' ? t('classConsole.emptyPending') : t('classConsole.emptyEnrolments')}
            />
          ),
        }}
        pagination={{
          current: data?.page ?? paging.page,
          pageSize: data?.pageSize ?? paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
        data-testid="enrolment-table"
      />
      {rejecting ? (
        <ReasonModal
          title={t('classConsole.rejectTitle', { count: selected.length })}
          hint={t('classConsole.rejectHint')}
          okText={t('classConsole.reject')}
          danger
          label={t('classConsole.reason')}
          placeholder={t('classConsole.reasonPlaceholder')}
          testIds={{ input: 'enrolment-reject-reason', submit: 'enrolment-reject-submit' }}
          onClose={() => setRejecting(false)}
          onSubmit={async (reason) => {
            const result = await enrolmentActions.batchReview(selected, 'reject', reason);
            setRejecting(false);
            finish('reject', result);
          }}
        />
      ) : null}
      {outcome ? (
        <Modal
          open
          title={t(outcome.action === 'admit' ? 'classConsole.admitDone' : 'classConsole.rejectDone', { done: outcome.result.done })}
          footer={<Button onClick={() => setOutcome(null)}>{t('common.close')}</Button>}
          onCancel={() => setOutcome(null)}
        >
          {failedRows.length ? (
            <>
              <Alert type="warning" showIcon title={t('classConsole.someFailed', { count: failedRows.length })} style={{ marginBottom: 12 }} />
              <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.9 }} data-testid="enrolment-failures">
                {failedRows.map((f) => (
                  <li key={f.id}>
                    <Typography.Text strong>{outcome.names.get(f.id) ?? `#${f.id}`}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {f.reason}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Typography.Text>{t('classConsole.allDone')}</Typography.Text>
          )}
        </Modal>
      ) : null}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Card, Form, Grid, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../common/schemas/common.js';
import { ENROLMENT_STATES, type EnrolmentState } from '../../../../../common/training.js';
import { api } from '../../../api/client.js';
import { ENROLMENTS_URL, type Enrolment } from '../../../api/enrolment.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';
import { EnrolmentStateTag, enrolmentStateLabel } from '../../../components/enrolment-state-tag.js';
import { FilterButtons } from '../../../components/list-page.js';
import { PageContainer } from '../../../components/page-container.js';
import { classTitle, dateRange, formatTime, hoursText } from '../../../labels.js';
import { useUrlQuery } from '../components/use-url-query.js';
import { BatchBar } from './components/batch-bar.js';
import { EnrolmentDrawer } from './components/enrolment-drawer.js';
import { BATCH_ACTIONS, ReviewActions } from './components/review-actions.js';

const FILTERS = ['q', 'state'] as const;

/**
 * ENR-4/ENR-9 报名审核 (school admins; bureaus at a checkpoint; institutions' 复核): what waits for
 * me, and every enrolment in my scope with a state filter. Row and batch steps as the server allows
 * them; a batch lists each refusal with its reason. The school also files 请假 (with a 替补) here.
 */
export default function EnrolmentReviewPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const role = activeRole(me)?.role;
  const isSchool = role === 'school_admin' || role === 'principal';
  // On a phone only the teacher (with the class), the state and the steps stay in the row; the rest is in the drawer.
  const isPhone = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, apply, setPage, params, setParams } = useUrlQuery(FILTERS);
  const tab = params.get('tab') === 'all' ? 'all' : 'todo';
  const [form] = Form.useForm();
  const [selected, setSelected] = useState<Enrolment[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const query = { ...values, state: tab === 'all' ? values.state : undefined, toReview: tab === 'todo' ? 'true' : undefined, page, pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: [ENROLMENTS_URL, query],
    queryFn: () => api.get<Page<Enrolment>>(ENROLMENTS_URL, query),
    placeholderData: (prev) => prev,
  });
  const key = JSON.stringify(values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the filters when the URL changes
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(values);
  }, [key, tab]);
  // A selection belongs to the rows on screen: another tab, filter or page starts empty.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new query only
  useEffect(() => setSelected([]), [JSON.stringify(query)]);

  const setTab = (next: string) => {
    const out = new URLSearchParams();
    if (next === 'all') out.set('tab', 'all');
    setParams(out);
  };

  const hint = isSchool ? 'enrolReview.hintSchool' : role === 'institution_admin' ? 'enrolReview.hintInstitution' : 'enrolReview.hintBureau';
  const columns: TableColumnsType<Enrolment> = [
    {
      title: t('enrolReview.teacher'),
      key: 'teacher',
      fixed: isPhone ? undefined : 'left',
      render: (_, r) => (
        <div style={isPhone ? { maxWidth: 130 } : undefined}>
          <Typography.Link onClick={() => setOpen(r.id)} data-testid={`review-open-${r.id}`}>
            {r.teacherName}
          </Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isPhone ? classTitle(t, r.seq, r.projectName) : r.shixunNo}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(isSchool
      ? []
      : [{ title: t('teacher.school'), key: 'school', responsive: ['md' as const], render: (_: unknown, r: Enrolment) => r.schoolName ?? '-' }]),
    {
      title: t('enrolReview.class'),
      key: 'class',
      responsive: ['md'],
      render: (_, r) => (
        <div style={{ minWidth: 200, maxWidth: 320 }}>
          <div>{classTitle(t, r.seq, r.projectName)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`${dateRange(r.startDate, r.endDate)} · ${r.institutionName}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('enrolReview.hoursRound'),
      key: 'hours',
      responsive: ['md'],
      render: (_, r) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <div>{t('enrol.hoursValue', { hours: hoursText(r.hours) })}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`enrol.round.r${r.round}`, { defaultValue: String(r.round) })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('enrol.stateLabel'),
      key: 'state',
      render: (_, r) => (
        <div>
          <EnrolmentStateTag state={r.state} testId={`review-state-${r.id}`} />
          {r.state === 'on_leave' && r.leaveReason ? (
            <div style={{ maxWidth: 200 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.leaveReason}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('enrolReview.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['lg'],
      render: (v: string) => {
        const [date, time] = formatTime(v).split(' ');
        return (
          <div style={{ whiteSpace: 'nowrap' }}>
            <div>{date}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setOpen(r.id)} data-testid={`review-detail-${r.id}`}>
            {t('enrol.history')}
          </Button>
          <ReviewActions enrolment={r} variant="row" />
        </Space>
      ),
    },
  ];

  const filters = (
    <Form form={form} layout="inline" className="sx-filters" initialValues={values} onFinish={(v) => apply({ q: v.q?.trim(), state: v.state })}>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input allowClear placeholder={t('enrolReview.keywordPlaceholder')} data-testid="review-q" />
      </Form.Item>
      {tab === 'all' ? (
        <Form.Item name="state" label={t('enrol.stateLabel')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ minWidth: 180 }}
            options={ENROLMENT_STATES.map((s: EnrolmentState) => ({ value: s, label: enrolmentStateLabel(t, s) }))}
            data-testid="review-state"
          />
        </Form.Item>
      ) : null}
      <FilterButtons
        onReset={() => {
          form.resetFields();
          apply({});
        }}
      />
    </Form>
  );

  const table = (
    <>
      {filters}
      <BatchBar selected={selected} onClear={() => setSelected([])} />
      <Table<Enrolment>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching && !data}
        scroll={{ x: 'max-content' }}
        size="middle"
        data-testid={`review-table-${tab}`}
        rowSelection={{
          selectedRowKeys: selected.map((e) => e.id),
          onChange: (_, rows) => setSelected(rows),
          getCheckboxProps: (r) => ({ disabled: !BATCH_ACTIONS.some((a) => r.abilities[a]) }),
        }}
        locale={{
          emptyText: error ? error.message : t(tab === 'todo' ? 'enrolReview.emptyTodo' : 'enrolReview.empty'),
        }}
        pagination={{
          current: data?.page ?? page,
          pageSize: data?.pageSize ?? pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
      />
    </>
  );

  return (
    <PageContainer title={t('menu.enrolmentReview')}>
      <Alert type="info" showIcon title={t(hint)} style={{ marginBottom: 16 }} />
      <Card size="small" styles={{ body: { padding: '0 16px 16px' } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'todo', label: t('enrolReview.tabTodo'), children: tab === 'todo' ? table : null },
            { key: 'all', label: t('enrolReview.tabAll'), children: tab === 'all' ? table : null },
          ]}
        />
      </Card>
      <EnrolmentDrawer id={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}

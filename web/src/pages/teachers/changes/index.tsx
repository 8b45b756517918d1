import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Drawer, Flex, Grid, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ProfileChangeState } from '../../../../../common/machines.js';
import type { ProfileChange, Teacher } from '../../../../../common/schemas/teachers.js';
import { api, showError } from '../../../api/client.js';
import { CHANGES_KEY, type ProfileReviewAction, profileActions } from '../../../api/profile.js';
import { ListPage } from '../../../components/list-page.js';
import { ReasonModal } from '../../../components/reason-modal.js';
import { formatTime } from '../../../labels.js';
import { ChangeHistory, ChangeStateTag, ChangeValues, submittedAt } from '../components/profile-change.js';

const TABS: readonly (ProfileChangeState | 'all')[] = ['pending', 'returned', 'approved', 'rejected', 'withdrawn', 'all'];

/** Old → new while the request is open (the record still holds the old values); the requested values otherwise. */
function RequestedValues({ change }: { change: ProfileChange }) {
  const open = change.state === 'pending' || change.state === 'returned';
  const { data } = useQuery({
    queryKey: ['/api/teachers', change.teacherId],
    queryFn: () => api.get<Teacher>(`/api/teachers/${change.teacherId}`),
    enabled: open,
    meta: { quiet: true },
  });
  return <ChangeValues change={change} current={open ? data : undefined} />;
}

/**
 * TCH-4 信息审核: the school's queue of key-field change requests (待审核 first); 通过, 驳回 or
 * 退回重新更新 (both with a reason), and every request's history in a drawer.
 */
export default function ProfileReviewPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [viewing, setViewing] = useState<ProfileChange | null>(null);
  const [asking, setAsking] = useState<{ change: ProfileChange; action: 'reject' | 'return' } | null>(null);

  const tab = (TABS as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as (typeof TABS)[number]) : 'pending';

  const done = (updated: ProfileChange, text: string) => {
    void queryClient.invalidateQueries({ queryKey: CHANGES_KEY });
    // An approved request changed the record (and its 已认证).
    void queryClient.invalidateQueries({ queryKey: ['/api/teachers'] });
    message.success(text);
    setViewing((v) => (v?.id === updated.id ? updated : v));
  };

  const review = (change: ProfileChange, action: ProfileReviewAction, reason?: string) =>
    profileActions.review(change.id, action, reason).then((updated) => done(updated, t(`profileReview.done.${action}`)));

  const approve = (change: ProfileChange) =>
    modal.confirm({
      title: t('profileReview.approveConfirm', { name: change.teacherName }),
      content: t('profileReview.approveHint'),
      okText: t('profileReview.approve'),
      cancelText: t('common.cancel'),
      onOk: () => review(change, 'approve').catch((err) => showError(err)),
    });

  const columns: TableColumnsType<ProfileChange> = [
    {
      title: t('profileReview.teacher'),
      dataIndex: 'teacherName',
      fixed: 'left',
      render: (name: string, r) => (
        <Flex vertical>
          <Link to={`/teachers/${r.teacherId}`} data-testid={`change-teacher-${r.id}`}>
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.shixunNo}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('profileReview.changes'), key: 'changes', render: (_, r) => <RequestedValues change={r} /> },
    // Within one state's tab the state goes without saying.
    ...(tab === 'all' ? [{ title: t('teacher.status'), dataIndex: 'state', render: (s: ProfileChangeState) => <ChangeStateTag state={s} /> }] : []),
    { title: t('profileReview.submittedAt'), key: 'submittedAt', render: (_, r) => formatTime(submittedAt(r)) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0} wrap={false}>
          {r.actions.includes('approve') ? (
            <Button type="link" size="small" onClick={() => approve(r)} data-testid={`change-approve-${r.id}`}>
              {t('profileReview.approve')}
            </Button>
          ) : null}
          {r.actions.includes('reject') ? (
            <Button type="link" size="small" danger onClick={() => setAsking({ change: r, action: 'reject' })} data-testid={`change-reject-${r.id}`}>
              {t('profileReview.reject')}
            </Button>
          ) : null}
          {r.actions.includes('return') ? (
            <Button type="link" size="small" onClick={() => setAsking({ change: r, action: 'return' })} data-testid={`change-return-${r.id}`}>
              {t('profileReview.return')}
            </Button>
          ) : null}
          <Button type="link" size="small" onClick={() => setViewing(r)} data-testid={`change-history-${r.id}`}>
            {t('profileChange.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<ProfileChange>
        title={t('menu.profileReview')}
        url="/api/teacher-changes"
        columns={columns}
        fixedQuery={tab === 'all' ? {} : { state: tab }}
        header={
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(key === 'pending' ? {} : { state: key })}
            items={TABS.map((s) => ({ key: s, label: s === 'all' ? t('common.all') : t(`profileChange.state.${s}`) }))}
            data-testid="change-tabs"
          />
        }
      />
      <Drawer
        open={!!viewing}
        onClose={() => setViewing(null)}
        title={viewing ? t('profileReview.historyTitle', { name: viewing.teacherName, shixunNo: viewing.shixunNo }) : ''}
        size={isPhone ? '100%' : 480}
        destroyOnHidden
      >
        {viewing ? (
          <div data-testid="change-history">
            <Space style={{ marginBottom: 12 }} wrap>
              <ChangeStateTag state={viewing.state} />
            </Space>
            <div style={{ marginBottom: 24 }}>
              <RequestedValues change={viewing} />
            </div>
            <ChangeHistory change={viewing} />
          </div>
        ) : null}
      </Drawer>
      {asking ? (
        <ReasonModal
          title={t(`profileReview.${asking.action}Title`, { name: asking.change.teacherName })}
          hint={t(`profileReview.${asking.action}Hint`)}
          okText={t(`profileReview.${asking.action}`)}
          danger={asking.action === 'reject'}
          label={t('profileChange.reason')}
          placeholder={t('profileChange.reasonPlaceholder')}
          onClose={() => setAsking(null)}
          onSubmit={async (reason) => {
            await review(asking.change, asking.action, reason);
            setAsking(null);
          }}
        />
      ) : null}
    </>
  );
}

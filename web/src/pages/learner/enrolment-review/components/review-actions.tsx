import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../../../api/client.js';
import { CATALOGUE_URL, ENROLMENTS_URL, type Enrolment, type EnrolmentReviewAction, enrolmentActions } from '../../../../api/enrolment.js';
import { ReasonModal } from '../../../../components/reason-modal.js';
import { classTitle } from '../../../../labels.js';
import { LeaveModal } from './leave-modal.js';

/** The steps that need a reason the teacher reads in their history. */
export const REASON_ACTIONS: readonly EnrolmentReviewAction[] = ['reject', 'revoke', 'remove'];
/** The steps a batch can take, in button order. */
export const BATCH_ACTIONS: readonly EnrolmentReviewAction[] = ['approve', 'admit', 'reject', 'revoke', 'remove'];

type Props = {
  enrolment: Enrolment;
  /** `row`: link buttons in a table row (test ids end in the id); `detail`: ordinary buttons. */
  variant: 'row' | 'detail';
  /** Called after a step succeeded (e.g. to close a drawer or refresh it). */
  onDone?: () => void;
};

/** Refreshes every view an enrolment step changes: the review lists, the catalogue's places. */
export function useEnrolmentsRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [ENROLMENTS_URL] });
    void queryClient.invalidateQueries({ queryKey: [CATALOGUE_URL] });
  };
}

/**
 * ENR-4/ENR-9 steps the server allows the current identity on one enrolment (`abilities`):
 * 审核通过 / 准予录取 (after a confirmation), 不通过 / 撤销通过 / 移除 (with a reason),
 * 请假 (reason and optional 替补), 撤销请假.
 */
export function ReviewActions({ enrolment: e, variant, onDone }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const refresh = useEnrolmentsRefresh();
  const [asking, setAsking] = useState<EnrolmentReviewAction | null>(null);
  const [leaving, setLeaving] = useState(false);
  const row = variant === 'row';
  const suffix = row ? `-${e.id}` : '';
  const small = row ? ({ type: 'link', size: 'small' } as const) : {};
  const names = { name: e.teacherName, class: classTitle(t, e.seq, e.projectName) };

  const done = (text: string) => {
    refresh();
    message.success(text);
    onDone?.();
  };

  const confirm = (action: 'approve' | 'admit') =>
    modal.confirm({
      title: t(`enrolReview.confirm.${action}`, names),
      content: t(`enrolReview.hint.${action}`),
      okText: t(`enrolReview.action.${action}`),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await enrolmentActions.review(e.id, action);
          done(t(`enrolReview.done.${action}`));
        } catch (err) {
          showError(err);
        }
      },
    });

  const revokeLeave = () =>
    modal.confirm({
      title: t('enrolReview.confirm.revokeLeave', names),
      content: t('enrolReview.hint.revokeLeave'),
      okText: t('enrolReview.action.revokeLeave'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await enrolmentActions.revokeLeave(e.id);
          done(t('enrolReview.done.revokeLeave'));
        } catch (err) {
          showError(err);
        }
      },
    });

  const a = e.abilities;
  const buttons = [
    a.approve ? (
      <Button key="approve" {...small} type={row ? 'link' : 'primary'} onClick={() => confirm('approve')} data-testid={`review-approve${suffix}`}>
        {t('enrolReview.action.approve')}
      </Button>
    ) : null,
    a.admit ? (
      <Button key="admit" {...small} type={row ? 'link' : 'primary'} onClick={() => confirm('admit')} data-testid={`review-admit${suffix}`}>
        {t('enrolReview.action.admit')}
      </Button>
    ) : null,
    ...REASON_ACTIONS.map((action) =>
      a[action as 'reject' | 'revoke' | 'remove'] ? (
        <Button key={action} {...small} danger onClick={() => setAsking(action)} data-testid={`review-${action}${suffix}`}>
          {t(`enrolReview.action.${action}`)}
        </Button>
      ) : null,
    ),
    a.leave ? (
      <Button key="leave" {...small} onClick={() => setLeaving(true)} data-testid={`review-leave${suffix}`}>
        {t('enrolReview.action.leave')}
      </Button>
    ) : null,
    a.revokeLeave ? (
      <Button key="revokeLeave" {...small} onClick={revokeLeave} data-testid={`review-revoke-leave${suffix}`}>
        {t('enrolReview.action.revokeLeave')}
      </Button>
    ) : null,
  ].filter(Boolean);
  if (buttons.length === 0) return null;

  return (
    <>
      <Space size={row ? 0 : 8} wrap>
        {buttons}
      </Space>
      {asking ? (
        <ReasonModal
          title={t(`enrolReview.confirm.${asking}`, names)}
          hint={t(`enrolReview.hint.${asking}`)}
          okText={t(`enrolReview.action.${asking}`)}
          danger
          label={t('enrolReview.reason')}
          placeholder={t('enrolReview.reasonPlaceholder')}
          testIds={{ input: 'review-reason', submit: 'review-reason-submit' }}
          onClose={() => setAsking(null)}
          onSubmit={async (reason) => {
            await enrolmentActions.review(e.id, asking, reason);
            setAsking(null);
            done(t(`enrolReview.done.${asking}`));
          }}
        />
      ) : null}
      {leaving ? (
        <LeaveModal
          enrolment={e}
          onClose={() => setLeaving(false)}
          onDone={(replaced) => {
            setLeaving(false);
            done(t(replaced ? 'enrolReview.done.leaveReplaced' : 'enrolReview.done.leave'));
          }}
        />
      ) : null}
    </>
  );
}

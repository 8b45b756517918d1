import { Flex, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Enrolment } from '../../../api/enrolment.js';
import { formatTime, roleLabel } from '../../../labels.js';

const STEP_COLOR: Record<string, string> = {
  submit: 'blue',
  approve: 'green',
  forward: 'green',
  admit: 'green',
  confirm: 'green',
  revoke_leave: 'green',
  reject: 'red',
  revoke: 'red',
  remove: 'red',
  cancel: 'gray',
  not_select: 'orange',
  withdraw: 'gray',
  leave: 'purple',
  replace: 'purple',
  move: 'blue',
};

type Step = Enrolment['history'][number];

/** What a step did: 报名 / 集体报名 / 审核通过 / 不通过 / 准予录取 …; a party's 通过 is named by who gave it. */
export function stepLabel(t: TFunction, step: Step) {
  if (step.action === 'submit') {
    if (step.toState === 'admitted') return t('enrol.step.submitReplacement');
    if (step.actorRole && step.actorRole !== 'teacher') return t('enrol.step.submitBySchool');
  }
  if (step.action === 'approve' && step.fromState === 'pending_bureau') return t('enrol.step.approveBureau');
  if (step.action === 'approve' && (step.fromState === 'pending_school' || step.fromState === 'rejected_school')) return t('enrol.step.approveSchool');
  if (step.action === 'reject' && step.toState) {
    const by = { rejected_school: 'rejectSchool', rejected_bureau: 'rejectBureau', rejected_institution: 'rejectInstitution' }[step.toState];
    if (by) return t(`enrol.step.${by}`);
  }
  return t(`enrol.step.${step.action}`, { defaultValue: step.action });
}

/** Every step of an enrolment, oldest first: what happened, who did it, when, and the reason given. */
export function EnrolmentHistory({ history, testId }: { history: Enrolment['history']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid={testId}
      style={{ marginBottom: -8 }}
      items={history.map((h, i) => ({
        key: i,
        color: STEP_COLOR[h.action] ?? 'blue',
        content: (
          <div>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{stepLabel(t, h)}</Typography.Text>
              {h.actorName ? (
                <Typography.Text type="secondary">
                  {h.actorName}
                  {h.actorRole ? ` · ${roleLabel(t, h.actorRole)}` : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('enrol.system')}</Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(h.at)}
            </Typography.Text>
            {h.reason ? <div style={{ overflowWrap: 'anywhere' }}>{t('enrol.reasonLine', { reason: h.reason })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

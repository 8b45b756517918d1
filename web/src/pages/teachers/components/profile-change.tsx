import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProfileChangeState } from '../../../../../common/machines.js';
import type { ProfileChange, Teacher } from '../../../../../common/schemas/teachers.js';
import { formatTime, roleLabel } from '../../../labels.js';

const STATE_COLOR: Record<ProfileChangeState, string> = { pending: 'gold', approved: 'green', rejected: 'red', returned: 'orange', withdrawn: 'default' };
const ACTION_COLOR: Record<string, string> = { approve: 'green', reject: 'red', return: 'orange', withdraw: 'gray' };

/** 待审核 / 已通过 / 已驳回 / 已退回 / 已撤回 (TCH-3/4). */
export function ChangeStateTag({ state }: { state: ProfileChangeState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`profileChange.state.${state}`)}</Tag>;
}

/** When the request was last sent to the school: its latest 提交 / 重新提交, else its creation. */
export function submittedAt(change: ProfileChange) {
  const sent = change.history.filter((h) => h.action === 'submit' || h.action === 'resubmit').at(-1);
  return sent?.at ?? change.createdAt;
}

/** The reason of the latest 退回 (shown to the teacher who is to correct the record). */
export function returnReason(change: ProfileChange) {
  return change.history.filter((h) => h.action === 'return').at(-1)?.reason ?? null;
}

/**
 * The requested key-field values, one per line; with `current` (the record before the change:
 * only meaningful while the request is open) each reads old → new.
 */
export function ChangeValues({ change, current }: { change: ProfileChange; current?: Pick<Teacher, 'name' | 'idNumber' | 'stage'> }) {
  const { t } = useTranslation();
  const c = change.changes;
  const stage = (v: Teacher['stage'] | undefined) => (v ? t(`stage.${v}`) : '-');
  const rows = [
    c.name !== undefined ? { key: 'name', label: t('teacher.name'), from: current?.name, to: c.name } : null,
    c.idNumber !== undefined ? { key: 'idNumber', label: t('teacher.idNumber'), from: current?.idNumber, to: c.idNumber } : null,
    c.stage !== undefined ? { key: 'stage', label: t('teacher.teachingStage'), from: current ? stage(current.stage) : undefined, to: stage(c.stage) } : null,
  ].filter((r) => r !== null);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('profileChange.noValues')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {rows.map((r) => (
        <div key={r.key} style={{ overflowWrap: 'anywhere' }}>
          <Typography.Text type="secondary">{t('profileChange.fieldLabel', { label: r.label })}</Typography.Text>
          {r.from !== undefined && r.from !== r.to ? <Typography.Text type="secondary">{`${r.from} → `}</Typography.Text> : null}
          <Typography.Text strong>{r.to}</Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

/** Every step of a request, oldest first: who did what, when, and the reason given (antd Timeline). */
export function ChangeHistory({ change, testId }: { change: ProfileChange; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid={testId}
      items={change.history.map((h, i) => ({
        key: i,
        color: ACTION_COLOR[h.action] ?? 'blue',
        content: (
          <div>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{t(`profileChange.action.${h.action}`, { defaultValue: h.action })}</Typography.Text>
              {h.actorName ? (
                <Typography.Text type="secondary">
                  {h.actorName}
                  {h.actorRole ? ` · ${roleLabel(t, h.actorRole)}` : ''}
                </Typography.Text>
              ) : null}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(h.at)}
            </Typography.Text>
            {h.reason ? <div style={{ overflowWrap: 'anywhere' }}>{t('profileChange.reasonText', { reason: h.reason })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

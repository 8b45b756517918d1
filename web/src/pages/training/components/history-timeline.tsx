import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../api/training.js';
import { formatTime, roleLabel } from '../../../labels.js';

const STEP_COLOR: Record<string, string> = { submit: 'blue', resubmit: 'blue', approve: 'green', reject: 'red', withdraw: 'gray' };

type Props = {
  history: Project['history'];
  testId?: string;
  /** Where the step labels live (`training.step` by default; courses and lessons name their own steps). */
  stepKey?: string;
};

/** Every review step (审核记录): what was done, by whom, when, and the reason the other side reads. */
export function HistoryTimeline({ history, testId, stepKey = 'training.step' }: Props) {
  const { t } = useTranslation();
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.noHistory')} />;
  return (
    <Timeline
      data-testid={testId}
      items={history.map((h, i) => ({
        key: i,
        color: STEP_COLOR[h.action] ?? 'gray',
        content: (
          <>
            <Typography.Text strong>{t(`${stepKey}.${h.action}`, { defaultValue: h.action })}</Typography.Text>
            <div>
              {h.actorName ?? t('training.system')}
              {h.actorRole ? <Typography.Text type="secondary">{` · ${roleLabel(t, h.actorRole)}`}</Typography.Text> : null}
            </div>
            <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
            {h.reason ? <div>{t('training.reasonLine', { reason: h.reason })}</div> : null}
          </>
        ),
      }))}
    />
  );
}

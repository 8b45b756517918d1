import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EnrolmentState } from '../../../common/training.js';

const STATE_COLOR: Record<EnrolmentState, string> = {
  pending_school: 'gold',
  pending_bureau: 'gold',
  pending_institution: 'processing',
  admitted: 'success',
  on_leave: 'purple',
  listed: 'cyan',
  withdrawn: 'default',
  rejected_school: 'error',
  rejected_bureau: 'error',
  rejected_institution: 'error',
  not_selected: 'volcano',
  cancelled: 'default',
  removed: 'error',
  replaced: 'default',
};

export function enrolmentStateLabel(t: TFunction, state: string) {
  return t(`enrol.state.${state}`, { defaultValue: state });
}

/** 待学校审核 / 已录取 / 未录取 …, coloured by how it stands for the teacher; the same tag in the learner, school and class pages. */
export function EnrolmentStateTag({ state, testId }: { state: EnrolmentState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state] ?? 'default'} data-testid={testId} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {enrolmentStateLabel(t, state)}
    </Tag>
  );
}

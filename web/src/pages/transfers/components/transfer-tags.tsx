import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TransferState } from '../../../../../common/machines.js';

const STATE_COLOR: Record<TransferState, string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

/** 待审批 / 已批准 / 已驳回 / 已撤回. */
export function TransferStateTag({ state }: { state: TransferState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`transferState.${state}`)}</Tag>;
}

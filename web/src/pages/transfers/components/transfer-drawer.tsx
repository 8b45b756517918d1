import { Descriptions, Drawer, Flex, Grid, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../../../common/schemas/teachers.js';
import { formatTime, roleLabel } from '../../../labels.js';
import { TransferActions } from './transfer-actions.js';
import { TransferStateTag } from './transfer-tags.js';

const STEP_COLOR: Record<string, string> = { submit: 'blue', approve: 'green', reject: 'red', withdraw: 'gray' };

/** 调出学校 / 调入学校, with its city and county unless the name already says them. */
export function schoolLabel(s: Transfer['fromSchool']) {
  const where = [s.cityName, s.countyName].filter((p): p is string => !!p && !s.name.includes(p)).join('');
  return where ? `${s.name}（${where}）` : s.name;
}

export function stepLabel(t: TFunction, action: string) {
  return t(`transferStep.${action}`, { defaultValue: action });
}

/** One transfer: who, from where to where, who approves, and each step with its reason. */
export function TransferDrawer({ transfer, onClose, onChange }: { transfer: Transfer | null; onClose: () => void; onChange: (t: Transfer) => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={!!transfer}
      onClose={onClose}
      title={transfer ? t('transfer.detailTitle', { name: transfer.teacherName }) : null}
      size={screens.sm === false ? '100%' : 520}
      destroyOnHidden
      footer={
        transfer && transfer.actions.length > 0 ? (
          <Flex justify="flex-end">
            <TransferActions transfer={transfer} variant="detail" onDone={onChange} />
          </Flex>
        ) : null
      }
    >
      {transfer ? (
        <div data-testid="transfer-detail">
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('teacher.name'), children: transfer.teacherName },
              { key: 'shixunNo', label: t('teacher.shixunNo'), children: transfer.shixunNo },
              { key: 'idNumber', label: t('teacher.idNumber'), children: transfer.idNumber },
              { key: 'from', label: t('transfer.fromSchool'), children: schoolLabel(transfer.fromSchool) },
              { key: 'to', label: t('transfer.toSchool'), children: schoolLabel(transfer.toSchool) },
              { key: 'approver', label: t('transfer.approver'), children: transfer.approverName },
              { key: 'state', label: t('transfer.state'), children: <TransferStateTag state={transfer.state} /> },
              { key: 'note', label: t('transfer.note'), children: transfer.note || '-' },
              { key: 'createdAt', label: t('transfer.createdAt'), children: formatTime(transfer.createdAt) },
            ]}
          />
          <Typography.Title level={5} style={{ margin: '24px 0 16px' }}>
            {t('transfer.history')}
          </Typography.Title>
          <Timeline
            data-testid="transfer-history"
            items={transfer.history.map((h, i) => ({
              key: i,
              color: STEP_COLOR[h.action] ?? 'gray',
              content: (
                <>
                  <Typography.Text strong>{stepLabel(t, h.action)}</Typography.Text>
                  <div>
                    {h.actorName ?? '-'}
                    {h.actorRole ? <Typography.Text type="secondary">{` · ${roleLabel(t, h.actorRole)}`}</Typography.Text> : null}
                  </div>
                  <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
                  {h.reason ? <div>{t('transfer.reasonLine', { reason: h.reason })}</div> : null}
                </>
              ),
            }))}
          />
        </div>
      ) : null}
    </Drawer>
  );
}

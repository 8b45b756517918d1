import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProfileChange, Teacher } from '../../../../../../common/schemas/teachers.js';
import { showError } from '../../../../api/client.js';
import { MY_PROFILE_KEY, profileActions } from '../../../../api/profile.js';
import { formatTime } from '../../../../labels.js';
import { ChangeHistory, ChangeStateTag, ChangeValues, submittedAt } from '../../components/profile-change.js';

type Props = {
  teacher: Teacher;
  requests: ProfileChange[];
  /** 修改后重新提交: opens the key-field form on the returned request. */
  onResubmit: () => void;
};

/** My key-field requests, newest first: state, requested values, every round of the history, and 撤回 / 重新提交 when allowed. */
export function MyRequests({ teacher, requests, onResubmit }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();

  const withdraw = (change: ProfileChange) =>
    modal.confirm({
      title: t('myProfile.withdrawConfirm'),
      okText: t('profileChange.action.withdraw'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await profileActions.withdraw(change.id);
          await queryClient.invalidateQueries({ queryKey: MY_PROFILE_KEY });
          message.success(t('myProfile.withdrawn'));
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Card title={t('myProfile.requests')} data-testid="profile-requests">
      {requests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myProfile.noRequests')} />
      ) : (
        <Flex vertical gap={16}>
          {requests.map((r) => {
            const open = r.state === 'pending' || r.state === 'returned';
            return (
              <Card
                key={r.id}
                type="inner"
                size="small"
                data-testid={`profile-request-${r.id}`}
                title={
                  <Flex gap={8} align="center" wrap>
                    <ChangeStateTag state={r.state} />
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                      {formatTime(submittedAt(r))}
                    </Typography.Text>
                  </Flex>
                }
              >
                <div style={{ marginBottom: 16 }}>
                  <ChangeValues change={r} current={open ? teacher : undefined} />
                </div>
                <ChangeHistory change={r} testId={`profile-history-${r.id}`} />
                {r.actions.length > 0 ? (
                  <Flex gap={8} wrap justify="flex-end" style={{ marginTop: 16 }}>
                    {r.actions.includes('withdraw') ? (
                      <Button onClick={() => withdraw(r)} data-testid={`profile-withdraw-${r.id}`}>
                        {t('profileChange.action.withdraw')}
                      </Button>
                    ) : null}
                    {r.actions.includes('resubmit') ? (
                      <Button type="primary" onClick={onResubmit} data-testid={`profile-resubmit-${r.id}`}>
                        {t('myProfile.resubmit')}
                      </Button>
                    ) : null}
                  </Flex>
                ) : null}
              </Card>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

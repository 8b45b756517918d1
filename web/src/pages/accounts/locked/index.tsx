import { UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Form, Input, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { zLockedAccount } from '../../../../../common/schemas/org.js';
import { accountActions } from '../../../api/accounts.js';
import { showError } from '../../../api/client.js';
import { ListPage } from '../../../components/list-page.js';
import { formatTime } from '../../../labels.js';

type LockedAccount = z.infer<typeof zLockedAccount>;

/** ACC-2: accounts locked after 10 wrong passwords, for an admin in scope to unlock. */
export default function LockedAccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const unlock = async (a: LockedAccount) => {
    try {
      await accountActions.unlock(a.id);
      message.success(t('admin.unlocked'));
      await queryClient.invalidateQueries({ queryKey: ['/api/accounts/locked'] });
      void queryClient.invalidateQueries({ queryKey: ['/api/admins'] });
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<LockedAccount> = [
    { title: t('admin.realName'), dataIndex: 'realName', fixed: 'left' },
    { title: t('admin.username'), dataIndex: 'username' },
    { title: t('locked.shixunNo'), dataIndex: 'shixunNo' },
    { title: t('admin.mobile'), dataIndex: 'mobile' },
    { title: t('locked.unitName'), dataIndex: 'unitName' },
    { title: t('locked.lockedAt'), dataIndex: 'lockedAt', render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) => (
        <Popconfirm title={t('locked.unlockConfirm', { name: a.realName })} onConfirm={() => unlock(a)}>
          <Button type="link" size="small" icon={<UnlockOutlined />} data-testid={`unlock-${a.id}`}>
            {t('admin.unlock')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <ListPage<LockedAccount>
      title={t('locked.title')}
      url="/api/accounts/locked"
      columns={columns}
      filterNames={['q']}
      header={<Alert type="info" showIcon title={t('locked.hint')} style={{ marginBottom: 16 }} />}
      filters={
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('admin.keywordPlaceholder')} data-testid="filter-q" />
        </Form.Item>
      }
    />
  );
}

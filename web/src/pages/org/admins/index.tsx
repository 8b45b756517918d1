import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Descriptions, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ROLES } from '../../../../../common/roles.js';
import type { AdminAccount } from '../../../../../common/schemas/org.js';
import { accountActions } from '../../../api/accounts.js';
import { showError } from '../../../api/client.js';
import { ListPage } from '../../../components/list-page.js';
import { showOneTimePassword } from '../../../components/one-time-password.js';
import { formatTime, roleLabel } from '../../../labels.js';
import { AdminFormDrawer } from './components/admin-form.js';

/** ORG-4: 单位管理员 of the units in scope. */
export default function AdminsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: ['/api/admins'] });
    } catch (err) {
      showError(err);
    }
  };

  const resetPassword = async (a: AdminAccount) => {
    try {
      const { oneTimePassword } = await accountActions.resetPassword(a.id);
      void queryClient.invalidateQueries({ queryKey: ['/api/admins'] });
      showOneTimePassword(modal, t, a.realName, oneTimePassword);
    } catch (err) {
      showError(err);
    }
  };

  const viewPersonalData = async (a: AdminAccount) => {
    try {
      const data = await accountActions.personalData(a.id);
      modal.info({
        title: `${a.realName} · ${t('admin.personalData')}`,
        okText: t('common.close'),
        content: (
          <Descriptions
            column={1}
            size="small"
            data-testid="personal-data"
            items={[
              { key: 'mobile', label: t('admin.mobile'), children: data.mobile ?? t('common.none') },
              { key: 'idNumber', label: t('admin.idNumber'), children: data.idNumber ?? t('common.none') },
            ]}
          />
        ),
      });
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<AdminAccount> = [
    { title: t('admin.realName'), dataIndex: 'realName', fixed: 'left' },
    { title: t('admin.username'), dataIndex: 'username' },
    {
      title: t('admin.mobile'),
      dataIndex: 'mobile',
      render: (mobile: string | null, a) => (
        <Space size={4}>
          <span>{mobile ?? '-'}</span>
          {mobile ? (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => void viewPersonalData(a)} data-testid={`admin-view-${a.id}`}>
              {t('common.view')}
            </Button>
          ) : null}
        </Space>
      ),
    },
    { title: t('admin.role'), dataIndex: 'role', render: (r: string) => roleLabel(t, r) },
    { title: t('admin.unit'), dataIndex: 'unitName' },
    {
      title: t('admin.status'),
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.disabled ? <Tag color="default">{t('admin.statusDisabled')}</Tag> : null}
          {a.locked ? <Tag color="red">{t('admin.statusLocked')}</Tag> : null}
          {a.mustChangePassword ? <Tag color="orange">{t('admin.statusMustChange')}</Tag> : null}
          {!a.disabled && !a.locked ? <Tag color="green">{t('admin.statusActive')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('admin.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatTime(v) : t('admin.neverLoggedIn')) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) =>
        a.abilities.manage ? (
          <Space size={0} wrap>
            <Popconfirm title={t('admin.resetConfirm', { name: a.realName })} onConfirm={() => resetPassword(a)}>
              <Button type="link" size="small" data-testid={`admin-reset-${a.id}`}>
                {t('admin.resetPassword')}
              </Button>
            </Popconfirm>
            {a.locked ? (
              <Button
                type="link"
                size="small"
                onClick={() => void run(() => accountActions.unlock(a.id), t('admin.unlocked'))}
                data-testid={`admin-unlock-${a.id}`}
              >
                {t('admin.unlock')}
              </Button>
            ) : null}
            {a.disabled ? (
              <Button
                type="link"
                size="small"
                onClick={() => void run(() => accountActions.enable(a.id), t('admin.enabledDone'))}
                data-testid={`admin-enable-${a.id}`}
              >
                {t('admin.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('admin.disableConfirm', { name: a.realName })}
                onConfirm={() => run(() => accountActions.disable(a.id), t('admin.disabledDone'))}
              >
                <Button type="link" size="small" danger data-testid={`admin-disable-${a.id}`}>
                  {t('admin.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <ListPage<AdminAccount>
        title={t('menu.admins')}
        url="/api/admins"
        rowKey="roleId"
        columns={columns}
        filterNames={['q', 'role']}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="admin-create">
            {t('common.create')}
          </Button>
        }
        filters={
          <>
            <Form.Item name="q" label={t('common.keyword')}>
              <Input allowClear placeholder={t('admin.keywordPlaceholder')} data-testid="filter-q" />
            </Form.Item>
            <Form.Item name="role" label={t('admin.role')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={ADMIN_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
                data-testid="filter-role"
              />
            </Form.Item>
          </>
        }
      />
      <AdminFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

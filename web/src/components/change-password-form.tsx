import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../common/schemas/auth.js';
import { api, feedback } from '../api/client.js';
import { acceptMe } from '../api/session.js';
import { useFormSubmit } from '../hooks/use-form-submit.js';
import { NewPasswordFields } from './new-password-fields.js';

/** Old + new password; used by the forced change page and by 我的账号. */
export function ChangePasswordForm({ me, onDone }: { me: Me; onDone?: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();

  const { saving, submit } = useFormSubmit(form, async (v: { oldPassword: string; newPassword: string }) => {
    const next = await api.post<Me>('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
    acceptMe(next);
    form.resetFields();
    feedback.message.success(t('password.changed'));
    onDone?.(next);
  });

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 420 }}>
      <Form.Item name="oldPassword" label={t('password.old')} rules={[{ required: true, message: t('common.required', { label: t('password.old') }) }]}>
        <Input.Password autoComplete="current-password" data-testid="old-password" />
      </Form.Item>
      <NewPasswordFields context={{ username: me.account.username, mobile: me.account.mobile }} />
      <Button type="primary" htmlType="submit" loading={saving} data-testid="change-password-submit">
        {t('password.changeTitle')}
      </Button>
    </Form>
  );
}

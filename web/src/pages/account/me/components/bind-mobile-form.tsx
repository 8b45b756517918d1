import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../../../common/schemas/auth.js';
import { api, feedback, showError } from '../../../../api/client.js';
import { acceptMe } from '../../../../api/session.js';
import { codeRules, mobileRule, requiredRule } from '../../../../components/rules.js';
import { SmsCodeInput } from '../../../../components/sms-code-input.js';
import { useFormSubmit } from '../../../../hooks/use-form-submit.js';

type Values = { mobile: string; code: string; password: string };

/** ACC-4: bind or rebind the account's mobile: the current password and a code sent to the new number. */
export function BindMobileForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const sendCode = async () => {
    const { mobile } = await form.validateFields(['mobile']);
    return api.post<{ retryAfterSeconds: number }>('/api/auth/sms', { mobile, purpose: 'bind' }).catch((err) => {
      showError(err, form);
      throw err;
    });
  };

  const { saving, submit } = useFormSubmit(form, async (v: Values) => {
    acceptMe(await api.post<Me>('/api/auth/mobile', v));
    feedback.message.success(t('me.bound'));
    form.resetFields();
  });

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 420 }}>
      <Form.Item name="mobile" label={t('me.newMobile')} extra={t('me.bindHint')} rules={[requiredRule(t, t('me.newMobile')), mobileRule(t)]}>
        <Input inputMode="tel" maxLength={11} data-testid="bind-mobile" />
      </Form.Item>
      <Form.Item name="code" label={t('login.code')} rules={codeRules(t)}>
        <SmsCodeInput testId="bind-code" onSend={sendCode} />
      </Form.Item>
      <Form.Item name="password" label={t('me.currentPassword')} rules={[requiredRule(t, t('me.currentPassword'))]}>
        <Input.Password autoComplete="current-password" data-testid="bind-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="bind-submit">
        {t('me.bindSubmit')}
      </Button>
    </Form>
  );
}

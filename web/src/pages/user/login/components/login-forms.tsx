import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../../../common/schemas/auth.js';
import { ApiError, api, showError } from '../../../../api/client.js';
import { codeRules, mobileRule, requiredRule } from '../../../../components/rules.js';
import { SmsCodeInput } from '../../../../components/sms-code-input.js';

type Props = { onLoggedIn: (me: Me) => void };

/** Runs a login call; messages without a field (wrong password, locked…) stay visible above the form. */
function useLoginSubmit<V>(call: (v: V) => Promise<Me>, onLoggedIn: (me: Me) => void) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await call(v));
    } catch (err) {
      if (err instanceof ApiError && !err.fields && !err.handled) setError(err.message);
      else showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null;
  return { form, submit, busy, alert };
}

export function PasswordLoginForm({ onLoggedIn }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, alert } = useLoginSubmit((v: { account: string; password: string }) => api.post<Me>('/api/auth/login', v), onLoggedIn);
  return (
    <Form form={form} size="large" onFinish={submit} requiredMark={false}>
      {alert}
      <Form.Item name="account" rules={[requiredRule(t, t('login.account'))]}>
        <Input
          prefix={<UserOutlined />}
          placeholder={t('login.accountPlaceholder')}
          autoComplete="username"
          aria-label={t('login.account')}
          data-testid="login-account"
        />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.password')}
          autoComplete="current-password"
          aria-label={t('login.password')}
          data-testid="login-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}

export function SmsLoginForm({ onLoggedIn }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, alert } = useLoginSubmit((v: { mobile: string; code: string }) => api.post<Me>('/api/auth/login/sms', v), onLoggedIn);
  const sendCode = async () => {
    const { mobile } = await form.validateFields(['mobile']);
    return api.post<{ retryAfterSeconds: number }>('/api/auth/sms', { mobile, purpose: 'login' }).catch((err) => {
      showError(err, form);
      throw err;
    });
  };
  return (
    <Form form={form} size="large" onFinish={submit} requiredMark={false}>
      {alert}
      <Form.Item name="mobile" rules={[requiredRule(t, t('login.mobile')), mobileRule(t)]}>
        <Input
          prefix={<MobileOutlined />}
          placeholder={t('login.mobile')}
          inputMode="tel"
          maxLength={11}
          autoComplete="tel"
          aria-label={t('login.mobile')}
          data-testid="login-mobile"
        />
      </Form.Item>
      <Form.Item name="code" rules={codeRules(t)}>
        <SmsCodeInput testId="login-code" onSend={sendCode} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-sms-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}

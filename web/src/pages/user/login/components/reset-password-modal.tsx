import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, feedback, showError } from '../../../../api/client.js';
import { NewPasswordFields } from '../../../../components/new-password-fields.js';
import { codeRules, mobileRule, requiredRule } from '../../../../components/rules.js';
import { SmsCodeInput } from '../../../../components/sms-code-input.js';

type Values = { mobile: string; code: string; newPassword: string };

/** ACC-3: the user resets a forgotten password with a code sent to the bound mobile. */
export function ResetPasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const mobile: string | undefined = Form.useWatch('mobile', form);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/api/auth/password/reset-by-sms', { mobile: v.mobile, code: v.code, newPassword: v.newPassword });
      feedback.message.success(t('login.resetDone'));
      form.resetFields();
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const sendCode = async () => {
    const { mobile: m } = await form.validateFields(['mobile']);
    return api.post<{ retryAfterSeconds: number }>('/api/auth/sms', { mobile: m, purpose: 'reset' }).catch((err) => {
      showError(err, form);
      throw err;
    });
  };

  return (
    <Modal
      open={open}
      title={t('login.resetTitle')}
      okText={t('login.resetSubmit')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('login.resetHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="mobile" label={t('login.mobile')} rules={[requiredRule(t, t('login.mobile')), mobileRule(t)]}>
          <Input inputMode="tel" maxLength={11} data-testid="reset-mobile" />
        </Form.Item>
        <Form.Item name="code" label={t('login.code')} rules={codeRules(t)}>
          <SmsCodeInput testId="reset-code" onSend={sendCode} />
        </Form.Item>
        <NewPasswordFields context={{ mobile }} />
      </Form>
    </Modal>
  );
}

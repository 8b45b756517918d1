import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal } from 'antd';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { maskMobile } from '../../../common/mask.js';
import type { Me } from '../../../common/schemas/auth.js';
import { api, feedback, showError } from '../api/client.js';
import { isReverifyOpen, settleReverify, subscribeReverify } from '../api/reverify.js';
import { acceptMe, useMe } from '../api/session.js';
import { codeRules } from './rules.js';
import { SmsCodeInput } from './sms-code-input.js';

/** ACC-5: SMS re-verification before exports and views of personal data; the waiting request retries after it. */
export function ReverifyModal() {
  const { t } = useTranslation();
  const open = useSyncExternalStore(subscribeReverify, isReverifyOpen);
  const { data: me } = useMe();
  const [form] = Form.useForm<{ code: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setSaving(true);
    try {
      acceptMe(await api.post<Me>('/api/auth/reverify', { code }));
      feedback.message.success(t('reverify.done'));
      form.resetFields();
      settleReverify(true);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    form.resetFields();
    settleReverify(false);
  };

  return (
    <Modal
      open={open}
      title={
        <span>
          <SafetyCertificateOutlined /> {t('reverify.title')}
        </span>
      }
      onCancel={cancel}
      footer={
        <>
          <Button onClick={cancel}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="reverify-submit">
            {t('reverify.submit')}
          </Button>
        </>
      }
      destroyOnHidden
    >
      <div data-testid="reverify-modal">
        <Alert type="info" showIcon title={t('reverify.hint')} style={{ marginBottom: 16 }} />
        {me?.account.mobile ? <p>{t('reverify.sentTo', { mobile: maskMobile(me.account.mobile) })}</p> : null}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="code" label={t('login.code')} rules={codeRules(t)}>
            <SmsCodeInput
              testId="reverify-code"
              onSend={() =>
                api.post<{ retryAfterSeconds: number }>('/api/auth/reverify/sms').catch((err) => {
                  showError(err, form);
                  throw err;
                })
              }
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback } from '../api/client.js';

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  /** Sends the code; resolves with the seconds to wait before the next one, rejects to stop. */
  onSend: () => Promise<{ retryAfterSeconds: number }>;
  testId?: string;
  autoFocus?: boolean;
};

/** A 6-digit code input with a 获取验证码 button that counts down after sending. */
export function SmsCodeInput({ value, onChange, onSend, testId = 'sms-code', autoFocus }: Props) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  const send = async () => {
    setSending(true);
    try {
      const { retryAfterSeconds } = await onSend();
      setLeft(retryAfterSeconds > 0 ? retryAfterSeconds : 60);
      feedback.message.success(t('login.codeSent'));
    } catch {
      // the caller has shown the error
    } finally {
      setSending(false);
    }
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
        placeholder={t('login.codePlaceholder')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        aria-label={t('login.code')}
        data-testid={testId}
        autoFocus={autoFocus}
      />
      <Button onClick={send} loading={sending} disabled={left > 0} data-testid={`${testId}-send`}>
        {left > 0 ? t('login.retryIn', { seconds: left }) : t('login.getCode')}
      </Button>
    </Space.Compact>
  );
}

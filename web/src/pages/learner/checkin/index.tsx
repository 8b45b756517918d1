import { CheckCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.js';
import { type CheckinResult, enrolmentActions } from '../../../api/enrolment.js';
import { PageContainer } from '../../../components/page-container.js';

/**
 * DLV-1 报到签到 (teacher, phone): the six-digit code the institution shows in class, in big
 * boxes with the numeric keypad; sent as soon as six digits are in. Success names the class and
 * the day (and says so when I had already checked in); a refusal is shown as the server words it.
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CheckinResult | null>(null);

  const send = async (value: string) => {
    if (!/^\d{6}$/.test(value) || sending) return;
    setSending(true);
    setError(null);
    try {
      setDone(await enrolmentActions.checkin(value));
    } catch (err) {
      if (err instanceof ApiError && err.handled) return;
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  const again = () => {
    setDone(null);
    setCode('');
    setError(null);
  };

  return (
    <PageContainer title={t('menu.checkin')}>
      <Card style={{ maxWidth: 480, margin: '0 auto' }} styles={{ body: { padding: 16 } }}>
        {done ? (
          <Result
            status={done.already ? 'info' : 'success'}
            icon={done.already ? <InfoCircleFilled /> : <CheckCircleFilled />}
            title={t(done.already ? 'learnerCheckin.already' : 'learnerCheckin.done')}
            subTitle={
              <Flex vertical gap={4} data-testid="checkin-result">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {done.projectName}
                </Typography.Text>
                <span>{t('learnerCheckin.day', { day: done.day })}</span>
              </Flex>
            }
            extra={
              <Flex vertical gap={8}>
                <Link to="/my/enrolments">
                  <Button size="large" block>
                    {t('menu.myEnrolments')}
                  </Button>
                </Link>
                <Button type="link" onClick={again}>
                  {t('learnerCheckin.again')}
                </Button>
              </Flex>
            }
          />
        ) : (
          <Flex vertical gap={16} align="stretch">
            <Typography.Paragraph type="secondary" style={{ margin: 0, textAlign: 'center' }}>
              {t('learnerCheckin.hint')}
            </Typography.Paragraph>
            <Flex justify="center">
              <Input.OTP
                length={6}
                size="large"
                value={code}
                autoFocus
                disabled={sending}
                formatter={(v) => v.replace(/\D/g, '')}
                type="tel"
                autoComplete="one-time-code"
                onInput={(chars) => setCode(chars.join(''))}
                onChange={(v) => {
                  setCode(v);
                  void send(v);
                }}
                styles={{ root: { gap: 6 }, input: { width: 44, height: 56, fontSize: 26, padding: 0, textAlign: 'center' } }}
                aria-label={t('learnerCheckin.code')}
                data-testid="checkin-code"
              />
            </Flex>
            {error ? <Alert type="error" showIcon title={error} data-testid="checkin-error" /> : null}
            <Button
              type="primary"
              size="large"
              block
              loading={sending}
              disabled={!/^\d{6}$/.test(code)}
              onClick={() => send(code)}
              data-testid="checkin-submit"
            >
              {t('learnerCheckin.submit')}
            </Button>
          </Flex>
        )}
      </Card>
    </PageContainer>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Me } from '../../../../../common/schemas/auth.js';
import { api } from '../../../api/client.js';
import { completeLogin, useMe } from '../../../api/session.js';
import { LangSwitch } from '../../../components/lang-switch.js';
import { PasswordLoginForm, SmsLoginForm } from './components/login-forms.js';
import { ResetPasswordModal } from './components/reset-password-modal.js';

/** Only answers 200 in development mode; then the login page links to the SMS outbox. */
export function useDevOutboxAvailable() {
  const { isSuccess } = useQuery({
    queryKey: ['dev-sms-outbox', 'probe'],
    queryFn: () => api.get<unknown>('/api/dev/sms-outbox'),
    meta: { quiet: true },
    retry: false,
    staleTime: Infinity,
  });
  return isSuccess;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [resetOpen, setResetOpen] = useState(false);
  const hasOutbox = useDevOutboxAvailable();
  // Loads the CSRF token of a session this browser may still hold: logging in over it (ACC-7) is a write.
  useMe();

  const onLoggedIn = async (me: Me) => {
    await completeLogin(me);
    const redirect = params.get('redirect');
    navigate(me.account.mustChangePassword ? '/change-password' : redirect?.startsWith('/') ? redirect : '/', { replace: true });
  };

  return (
    <div className="sx-center-page">
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LangSwitch />
      </div>
      <Flex vertical align="center" style={{ marginBottom: 24 }}>
        <Flex align="center" gap={12}>
          <span className="sx-logo-mark" style={{ width: 44, height: 44, fontSize: 24 }}>
            师
          </span>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
        </Flex>
        <Typography.Text type="secondary" style={{ marginTop: 8, textAlign: 'center' }}>
          {t('app.fullName')} · {t('app.slogan')}
        </Typography.Text>
      </Flex>
      <Card className="sx-center-card">
        <Tabs
          centered
          items={[
            { key: 'password', label: t('login.tabPassword'), children: <PasswordLoginForm onLoggedIn={onLoggedIn} /> },
            { key: 'sms', label: <span data-testid="login-tab-sms">{t('login.tabSms')}</span>, children: <SmsLoginForm onLoggedIn={onLoggedIn} /> },
          ]}
        />
        <Flex justify="space-between" style={{ marginTop: 16 }}>
          <Typography.Link onClick={() => setResetOpen(true)} data-testid="forgot-password">
            {t('login.forgot')}
          </Typography.Link>
          {hasOutbox ? (
            <Link to="/dev/sms" data-testid="dev-sms-link" style={{ fontSize: 12 }}>
              {t('login.devOutbox')}
            </Link>
          ) : null}
        </Flex>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('login.oneAccountHint')}
      </Typography.Text>
      <ResetPasswordModal open={resetOpen} onClose={() => setResetOpen(false)} />
    </div>
  );
}

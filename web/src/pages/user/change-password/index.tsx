import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { logout, useMe } from '../../../api/session.js';
import { ChangePasswordForm } from '../../../components/change-password-form.js';
import { LangSwitch } from '../../../components/lang-switch.js';

/** The forced password change after first login or an admin reset (ACC-1, ACC-3). */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me, isPending } = useMe();
  if (isPending) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (!me) return <Navigate to="/login" replace />;

  return (
    <div className="sx-center-page">
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LangSwitch />
      </div>
      <Card className="sx-center-card" title={t('password.changeTitle')}>
        {me.account.mustChangePassword ? <Alert type="warning" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} /> : null}
        <Typography.Paragraph type="secondary">
          {me.account.realName}
          {me.account.username ? ` (${me.account.username})` : ''}
        </Typography.Paragraph>
        <ChangePasswordForm me={me} onDone={() => navigate('/', { replace: true })} />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button type="link" onClick={() => void logout()}>
            {t('header.logout')}
          </Button>
        </Flex>
      </Card>
    </div>
  );
}

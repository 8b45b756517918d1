import { Card, Col, Descriptions, Radio, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../../common/i18n/errors.js';
import { maskMobile } from '../../../../../common/mask.js';
import { showError } from '../../../api/client.js';
import { changeLanguage, useCurrentMe } from '../../../api/session.js';
import { ChangePasswordForm } from '../../../components/change-password-form.js';
import { PageContainer } from '../../../components/page-container.js';
import { currentLanguage, LANGUAGES } from '../../../i18n/index.js';
import { roleLabel } from '../../../labels.js';
import { BindMobileForm } from './components/bind-mobile-form.js';

/** 我的账号: profile, password, mobile binding, language. */
export default function MyAccountPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const a = me.account;

  return (
    <PageContainer title={t('me.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('me.profile')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              data-testid="my-profile"
              items={[
                { key: 'realName', label: t('me.realName'), children: a.realName },
                { key: 'username', label: t('me.username'), children: a.username ?? '-' },
                { key: 'shixunNo', label: t('me.shixunNo'), children: a.shixunNo ?? '-' },
                { key: 'idNumber', label: t('me.idNumber'), children: a.idNumberMasked ?? '-' },
                { key: 'mobile', label: t('me.mobile'), children: a.mobile ? maskMobile(a.mobile) : <Tag>{t('me.notBound')}</Tag> },
                {
                  key: 'roles',
                  label: t('me.identities'),
                  children: (
                    <div>
                      {me.roles.map((r) => (
                        <div key={r.id}>
                          {roleLabel(t, r.role, r.regionCode)} · {r.unitName} {r.id === me.activeRoleId ? <Tag color="blue">{t('me.current')}</Tag> : null}
                        </div>
                      ))}
                    </div>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('me.language')} style={{ height: '100%' }}>
            <Radio.Group
              value={currentLanguage()}
              onChange={(e) => changeLanguage(e.target.value as Lang).catch((err) => showError(err))}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
              data-testid="my-language"
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('password.changeTitle')}>
            <ChangePasswordForm me={me} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={a.mobile ? t('me.rebindMobile') : t('me.bindMobile')}>
            <BindMobileForm />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}

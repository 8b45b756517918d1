import { Avatar, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { createElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { activeRole, useCurrentMe } from '../../api/session.js';
import { roleLabel } from '../../labels.js';
import { menuRoutes } from '../../routes.js';
import { MyProfileCard } from './components/my-profile-card.js';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const role = activeRole(me);
  const shortcuts = menuRoutes(me).filter((r) => r.path !== '/');

  return (
    <Flex vertical gap={16}>
      <Card data-testid="welcome-card">
        <Flex gap={16} align="center" wrap>
          <Avatar size={56} style={{ background: '#1677ff', fontSize: 22 }}>
            {me.account.realName.slice(-2)}
          </Avatar>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('home.welcome', { name: me.account.realName })}
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              style={{ marginTop: 8 }}
              items={[
                { key: 'identity', label: t('home.identity'), children: role ? roleLabel(t, role.role, role.regionCode) : '' },
                { key: 'unit', label: t('home.unit'), children: role?.unitName },
              ]}
            />
            {me.roles.length > 1 ? <Typography.Text type="secondary">{t('home.roles', { count: me.roles.length })}</Typography.Text> : null}
          </div>
        </Flex>
      </Card>
      {role?.role === 'teacher' ? <MyProfileCard /> : null}
      {shortcuts.length > 0 ? (
        <Card title={t('home.shortcuts')}>
          <Row gutter={[16, 16]}>
            {shortcuts.map((r) => (
              <Col key={r.path} xs={12} sm={8} lg={6} xl={4}>
                <Link to={r.path} data-testid={`shortcut-${r.path}`}>
                  <Card hoverable size="small" styles={{ body: { textAlign: 'center', padding: '20px 8px' } }}>
                    <div style={{ fontSize: 28, color: '#1677ff' }}>{r.icon ? createElement(r.icon) : null}</div>
                    <div style={{ marginTop: 8 }}>{t(r.nameKey)}</div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
    </Flex>
  );
}

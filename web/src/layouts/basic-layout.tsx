import { BellOutlined, LogoutOutlined, MenuOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Avatar, Badge, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { createElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { showError } from '../api/client.js';
import { enrolmentActions, UNREAD_COUNT_KEY } from '../api/enrolment.js';
import { activeRole, logout, switchRole, useCurrentMe } from '../api/session.js';
import { LangSwitch } from '../components/lang-switch.js';
import { roleLabel } from '../labels.js';
import { menuRoutes } from '../routes.js';

/** MSG-2: the unread count of 我的消息, asked every minute and when the window regains focus. */
function NotificationBell({ onOpen, compact }: { onOpen: () => void; compact: boolean }) {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: UNREAD_COUNT_KEY,
    queryFn: enrolmentActions.unreadCount,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
    meta: { quiet: true },
  });
  const count = data?.count ?? 0;
  return (
    <Button
      type="text"
      onClick={onOpen}
      style={{ paddingInline: compact ? 4 : 8 }}
      aria-label={count > 0 ? t('notice.bellUnread', { count }) : t('menu.notifications')}
      title={t('menu.notifications')}
      data-testid="notification-bell"
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
}

function Logo({ collapsed }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="sx-logo">
      <span className="sx-logo-mark">师</span>
      {collapsed ? null : <span className="sx-logo-text">{t('app.name')}</span>}
    </div>
  );
}

/** The logged-in shell: menu from routes.ts, header with identity switch, language and user menu. */
export function BasicLayout() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const entries = menuRoutes(me);
  // A course's workspace belongs to 我的课程, not to the catalogue its path starts with.
  const selected =
    (/^\/courses\/\d+\/manage$/.test(pathname) ? entries.find((r) => r.path === '/courses/mine')?.path : undefined) ??
    entries
      .filter((r) => (r.path === '/' ? pathname === '/' : pathname === r.path || pathname.startsWith(`${r.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)[0]?.path ??
    (pathname.startsWith('/org/schools/') ? entries.find((r) => r.path === '/org/my-school')?.path : undefined);

  const items: MenuProps['items'] = [];
  const groups = new Map<string, NonNullable<MenuProps['items']>>();
  for (const r of entries) {
    const item = { key: r.path, icon: r.icon ? createElement(r.icon) : undefined, label: t(r.nameKey), 'data-testid': `menu-${r.path}` };
    if (!r.groupKey) {
      items.push(item);
      continue;
    }
    let group = groups.get(r.groupKey);
    if (!group) {
      group = [];
      groups.set(r.groupKey, group);
      items.push({ type: 'group', key: r.groupKey, label: collapsed && !isMobile ? null : t(r.groupKey), children: group });
    }
    group.push(item);
  }

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
    />
  );

  const role = activeRole(me);
  const identity = role ? `${roleLabel(t, role.role, role.regionCode)} · ${role.unitName}` : '';

  const onSwitch = async (roleId: number) => {
    if (roleId === me.activeRoleId) return;
    try {
      const next = await switchRole(roleId);
      const r = activeRole(next);
      message.success(t('header.switched', { identity: r ? `${roleLabel(t, r.role, r.regionCode)} · ${r.unitName}` : '' }));
      navigate('/');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Logo />
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          className="sx-sider"
          style={{ position: 'sticky', top: 0, height: '100vh' }}
        >
          <Logo collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="sx-header">
          {isMobile ? (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('header.openMenu')} data-testid="menu-toggle" />
          ) : null}
          <div style={{ flex: 1 }} />
          <Flex align="center" gap={4} style={{ minWidth: 0 }}>
            <Dropdown
              trigger={['click']}
              menu={{
                selectable: true,
                selectedKeys: [String(me.activeRoleId)],
                items: [
                  { type: 'group', label: t('header.switchIdentity') },
                  ...me.roles.map((r) => ({
                    key: String(r.id),
                    label: `${roleLabel(t, r.role, r.regionCode)} · ${r.unitName}`,
                    'data-testid': `identity-${r.id}`,
                  })),
                ],
                onClick: ({ key }) => void onSwitch(Number(key)),
              }}
            >
              <Button type="text" icon={<SwapOutlined />} data-testid="identity-switcher" title={t('header.switchIdentity')} className="sx-identity">
                <Typography.Text ellipsis style={{ maxWidth: isMobile ? 150 : 360 }}>
                  {identity}
                </Typography.Text>
              </Button>
            </Dropdown>
            <NotificationBell onOpen={() => navigate('/notifications')} compact={isMobile} />
            <LangSwitch compact={isMobile} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'me', icon: <UserOutlined />, label: t('header.myAccount'), 'data-testid': 'user-menu-me' },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), 'data-testid': 'logout' },
                ],
                onClick: ({ key }) => (key === 'me' ? navigate('/me') : void logout()),
              }}
            >
              <Button type="text" data-testid="user-menu" aria-label={me.account.realName}>
                <Avatar size="small" style={{ background: '#1677ff' }}>
                  {me.account.realName.slice(-2)}
                </Avatar>
                {isMobile ? null : <span>{me.account.realName}</span>}
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content className="sx-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { feedback } from './api/client.js';
import { queryClient } from './api/query-client.js';
import { useMe } from './api/session.js';
import { ExceptionResult } from './components/exception-result.js';
import { ReverifyModal } from './components/reverify-modal.js';
import { BasicLayout } from './layouts/basic-layout.js';
import { type AppRoute, canOpen, routes } from './routes.js';

const LoginPage = lazy(() => import('./pages/user/login/index.js'));
const ChangePasswordPage = lazy(() => import('./pages/user/change-password/index.js'));
const DevSmsPage = lazy(() => import('./pages/dev/sms/index.js'));
const NotFoundPage = lazy(() => import('./pages/exception/not-found/index.js'));

function FullPageSpin() {
  return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
}

/** Gives the request wrapper antd's context-aware message API. */
function FeedbackBinder() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    feedback.message = message;
  }, [message]);
  return null;
}

function usePageTitle(key: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    const app = `${t('app.name')} · ${t('app.fullName')}`;
    document.title = key ? `${t(key)} · ${app}` : app;
  }, [key, t]);
}

/** Logged-in pages: redirects to /login or /change-password as needed. */
function AuthGate() {
  const { t } = useTranslation();
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (error && !me) {
    return <Result status="error" title={error.message} extra={<Button onClick={() => refetch()}>{t('common.retry')}</Button>} />;
  }
  if (!me) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.account.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <BasicLayout />;
}

function RouteGate({ route }: { route: AppRoute }) {
  const { data: me } = useMe();
  usePageTitle(route.nameKey);
  if (me && !canOpen(route, me)) return <ExceptionResult status="403" />;
  const Page = route.component;
  return <Page />;
}

function Titled({ titleKey, children }: { titleKey: string; children: ReactNode }) {
  usePageTitle(titleKey);
  return <>{children}</>;
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>
        <FeedbackBinder />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                <Route
                  path="/login"
                  element={
                    <Titled titleKey="login.title">
                      <LoginPage />
                    </Titled>
                  }
                />
                <Route
                  path="/change-password"
                  element={
                    <Titled titleKey="password.changeTitle">
                      <ChangePasswordPage />
                    </Titled>
                  }
                />
                <Route
                  path="/dev/sms"
                  element={
                    <Titled titleKey="devSms.title">
                      <DevSmsPage />
                    </Titled>
                  }
                />
                <Route element={<AuthGate />}>
                  {routes.map((r) => (
                    <Route key={r.path} path={r.path} element={<RouteGate route={r} />} />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
            <ReverifyModal />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

import type { Permission } from '@orderloop/contract';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Flex, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import jaJP from 'antd/locale/ja_JP';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useCallback, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { isAuthFailure } from './api/client.ts';
import { onAuthFailure, queryClient } from './api/query-client.ts';
import { NotAllowed, QueryError } from './components/query-error.tsx';
import { I18nProvider, useI18n } from './i18n/i18n-context.tsx';
import { AppShell } from './layout/app-shell.tsx';
import { setDayjsLocale } from './lib/dayjs-locale.ts';
import { SessionProvider, useMeQuery, useSession } from './session/session-context.tsx';

const LoginPage = lazy(() => import('./pages/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('./pages/home-page.tsx').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('./pages/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('./pages/roles-page.tsx').then((m) => ({ default: m.RolesPage })));
const StoresPage = lazy(() => import('./pages/stores-page.tsx').then((m) => ({ default: m.StoresPage })));
const CustomersPage = lazy(() =>
  import('./pages/customers-page.tsx').then((m) => ({ default: m.CustomersPage })),
);
const OrdersPage = lazy(() =>
  import('./pages/orders/orders-page.tsx').then((m) => ({ default: m.OrdersPage })),
);
const OrderEntryPage = lazy(() =>
  import('./pages/orders/order-entry-page.tsx').then((m) => ({ default: m.OrderEntryPage })),
);
const OrderDetailPage = lazy(() =>
  import('./pages/orders/order-detail-page.tsx').then((m) => ({ default: m.OrderDetailPage })),
);
const ComplaintsPage = lazy(() =>
  import('./pages/complaints/complaints-page.tsx').then((m) => ({ default: m.ComplaintsPage })),
);
const ApprovalsPage = lazy(() =>
  import('./pages/approvals/approvals-page.tsx').then((m) => ({ default: m.ApprovalsPage })),
);
const ExceptionsPage = lazy(() =>
  import('./pages/exceptions/exceptions-page.tsx').then((m) => ({ default: m.ExceptionsPage })),
);
const ReportsPage = lazy(() =>
  import('./pages/reports/reports-page.tsx').then((m) => ({ default: m.ReportsPage })),
);
const BoardPage = lazy(() => import('./pages/board/board-page.tsx').then((m) => ({ default: m.BoardPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const CatalogPage = lazy(() =>
  import('./pages/catalog/catalog-page.tsx').then((m) => ({ default: m.CatalogPage })),
);
const ProductPage = lazy(() =>
  import('./pages/catalog/product-page.tsx').then((m) => ({ default: m.ProductPage })),
);
const StockPage = lazy(() =>
  import('./pages/catalog/stock-page.tsx').then((m) => ({ default: m.StockPage })),
);
const PriceListsPage = lazy(() =>
  import('./pages/catalog/price-lists-page.tsx').then((m) => ({ default: m.PriceListsPage })),
);
const ImportPage = lazy(() =>
  import('./pages/catalog/import-page.tsx').then((m) => ({ default: m.ImportPage })),
);
const CustomerDetailPage = lazy(() =>
  import('./pages/customers/customer-detail-page.tsx').then((m) => ({ default: m.CustomerDetailPage })),
);
const WorkflowsPage = lazy(() =>
  import('./pages/settings/workflows-page.tsx').then((m) => ({ default: m.WorkflowsPage })),
);
const WorkflowPage = lazy(() =>
  import('./pages/settings/workflow-page.tsx').then((m) => ({ default: m.WorkflowPage })),
);
const NotificationSettingsPage = lazy(() =>
  import('./pages/settings/notification-settings-page.tsx').then((m) => ({
    default: m.NotificationSettingsPage,
  })),
);
const ChannelsPage = lazy(() =>
  import('./pages/settings/channels-page.tsx').then((m) => ({ default: m.ChannelsPage })),
);
const OutboxPage = lazy(() =>
  import('./pages/settings/outbox-page.tsx').then((m) => ({ default: m.OutboxPage })),
);

const antdLocales = { 'zh-CN': zhCN, en: enUS, ja: jaJP } as const;

const FullPageSpin = () => (
  <Flex justify="center" align="center" style={{ height: '100vh' }}>
    <Spin size="large" />
  </Flex>
);

/** Any call that finds no valid session sends the user to /login, remembering where they were. */
function AuthRedirect() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(
    () =>
      onAuthFailure((reason) => {
        if (window.location.pathname === '/login') return;
        const params = new URLSearchParams();
        if (reason === 'expired') params.set('expired', '1');
        const here = window.location.pathname + window.location.search;
        if (here !== '/') params.set('next', here);
        const qs = params.toString();
        navigate(`/login${qs ? `?${qs}` : ''}`, { replace: true });
        setTimeout(() => client.clear(), 0);
      }),
    [navigate, client],
  );
  return null;
}

function RequireSession() {
  const me = useMeQuery();
  if (me.data)
    return (
      <SessionProvider me={me.data}>
        <AppShell />
      </SessionProvider>
    );
  if (me.error && !isAuthFailure(me.error))
    return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  return <FullPageSpin />;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <NotAllowed />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <AuthRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomePage />} />
          <Route
            path="orders"
            element={
              <RequirePermission permission="orders.read">
                <OrdersPage />
              </RequirePermission>
            }
          />
          <Route
            path="orders/new"
            element={
              <RequirePermission permission="orders.create">
                <OrderEntryPage />
              </RequirePermission>
            }
          />
          <Route
            path="orders/:id"
            element={
              <RequirePermission permission="orders.read">
                <OrderDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="approvals"
            element={
              <RequirePermission permission="orders.approve">
                <ApprovalsPage />
              </RequirePermission>
            }
          />
          <Route
            path="exceptions"
            element={
              <RequirePermission permission="orders.read">
                <ExceptionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="users"
            element={
              <RequirePermission permission="users.read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="roles"
            element={
              <RequirePermission permission="users.read">
                <RolesPage />
              </RequirePermission>
            }
          />
          <Route
            path="stores"
            element={
              <RequirePermission permission="stores.read">
                <StoresPage />
              </RequirePermission>
            }
          />
          <Route
            path="customers"
            element={
              <RequirePermission permission="customers.read">
                <CustomersPage />
              </RequirePermission>
            }
          />
          <Route
            path="complaints/:id?"
            element={
              <RequirePermission permission="complaints.read">
                <ComplaintsPage />
              </RequirePermission>
            }
          />
          <Route
            path="reports"
            element={
              <RequirePermission permission="reports.read">
                <ReportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="catalog"
            element={
              <RequirePermission permission="catalog.read">
                <CatalogPage />
              </RequirePermission>
            }
          />
          <Route
            path="catalog/products/:id"
            element={
              <RequirePermission permission="catalog.read">
                <ProductPage />
              </RequirePermission>
            }
          />
          <Route
            path="catalog/stock"
            element={
              <RequirePermission permission="catalog.read">
                <StockPage />
              </RequirePermission>
            }
          />
          <Route
            path="catalog/price-lists"
            element={
              <RequirePermission permission="catalog.read">
                <PriceListsPage />
              </RequirePermission>
            }
          />
          <Route
            path="catalog/import"
            element={
              <RequirePermission permission="catalog.write">
                <ImportPage />
              </RequirePermission>
            }
          />
          <Route
            path="customers/:id"
            element={
              <RequirePermission permission="customers.read">
                <CustomerDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/workflows"
            element={
              <RequirePermission permission="workflows.manage">
                <WorkflowsPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/workflows/:id"
            element={
              <RequirePermission permission="workflows.manage">
                <WorkflowPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/notifications"
            element={
              <RequirePermission permission="channels.manage">
                <NotificationSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/channels"
            element={
              <RequirePermission permission="channels.manage">
                <ChannelsPage />
              </RequirePermission>
            }
          />
          <Route
            path="settings/outbox"
            element={
              <RequirePermission permission="outbox.manage">
                <OutboxPage />
              </RequirePermission>
            }
          />
          <Route
            path="board"
            element={
              <RequirePermission permission="board.view">
                <BoardPage />
              </RequirePermission>
            }
          />
          <Route path="home" element={<Navigate to="/" replace />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

function ThemedApp() {
  const { locale } = useI18n();
  setDayjsLocale(locale); // before the pickers below render in it
  return (
    <ConfigProvider
      locale={antdLocales[locale]}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1677ff', borderRadius: 6, fontSize: 13 },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f5f6f8', headerHeight: 52 },
          Menu: { itemHeight: 36, itemMarginBlock: 2 },
          Table: { headerBg: '#fafafa' },
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  // server-translated data (role names, permission labels, messages) is fetched again in the new language
  const onLocaleChange = useCallback(() => void queryClient.invalidateQueries(), []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider onChange={onLocaleChange}>
        <ThemedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}

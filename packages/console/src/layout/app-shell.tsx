import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  FileAddOutlined,
  HomeOutlined,
  LogoutOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Divider, Flex, Layout, Menu, type MenuProps, Spin, Tooltip, Typography } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { Brand } from './brand.tsx';
import { LocaleSwitcher } from './locale-switcher.tsx';
import { type NavGroup, navKeyOf, visibleNav } from './nav-items.ts';
import { StoreSwitcher } from './store-switcher.tsx';

const icons: Record<string, ReactNode> = {
  '/': <HomeOutlined />,
  '/orders': <ProfileOutlined />,
  '/orders/new': <FileAddOutlined />,
  '/complaints': <CustomerServiceOutlined />,
  '/approvals': <CheckSquareOutlined />,
  '/exceptions': <WarningOutlined />,
  '/customers': <UserOutlined />,
  '/stores': <ShopOutlined />,
  '/users': <TeamOutlined />,
  '/roles': <SafetyCertificateOutlined />,
  '/audit': <AuditOutlined />,
  '/reports': <BarChartOutlined />,
  '/catalog': <AppstoreOutlined />,
  '/catalog/stock': <DatabaseOutlined />,
  '/catalog/price-lists': <TagsOutlined />,
  '/settings/workflows': <ApartmentOutlined />,
  '/settings/notifications': <BellOutlined />,
  '/settings/channels': <ApiOutlined />,
  '/settings/outbox': <SendOutlined />,
  '/board': <ProjectOutlined />,
};

function useMenuItems(): MenuProps['items'] {
  const { can } = useSession();
  const { t } = useI18n();
  const entries = visibleNav(can);
  const item = (e: (typeof entries)[number]) => ({
    key: e.path,
    icon: icons[e.path],
    label: (
      <Link to={e.path} data-nav={e.path}>
        {t(e.label)}
      </Link>
    ),
  });
  const groups: { group: NavGroup; label: string }[] = [
    { group: 'business', label: t('nav.section.business') },
    { group: 'admin', label: t('nav.section.admin') },
  ];
  return [
    ...entries.filter((e) => e.group === null).map(item),
    ...groups
      .map(({ group, label }) => ({ label, children: entries.filter((e) => e.group === group).map(item) }))
      .filter((g) => g.children.length)
      .map((g) => ({ type: 'group' as const, key: g.label, label: g.label, children: g.children })),
  ];
}

function UserBlock() {
  const { me } = useSession();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.call(routes.logout),
    onSettled: () => {
      navigate('/login?signedOut=1', { replace: true });
      setTimeout(() => queryClient.clear(), 0);
    },
  });
  return (
    <Flex align="center" gap={10}>
      <Avatar size={30} style={{ background: '#1677ff', flex: 'none' }}>
        {me.user.displayName.slice(0, 1)}
      </Avatar>
      <div className="user-block">
        <div className="user-name" data-testid="user-name">
          {me.user.displayName}
        </div>
        <div className="user-roles" data-testid="user-roles">
          {me.roles.map((r) => r.name).join(' · ') || me.user.username}
        </div>
      </div>
      <Tooltip title={t('shell.logout')}>
        <Button
          icon={<LogoutOutlined />}
          type="text"
          onClick={() => logout.mutate()}
          loading={logout.isPending}
          data-testid="logout"
        >
          {t('shell.logout')}
        </Button>
      </Tooltip>
    </Flex>
  );
}

export function AppShell() {
  const { me } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const items = useMenuItems();
  const selected = navKeyOf(location.pathname);
  return (
    <Layout className="shell">
      <Layout.Sider width={212} theme="light" className="shell-sider">
        <Brand />
        <nav aria-label={t('nav.aria')} data-testid="main-nav">
          <Menu mode="inline" selectedKeys={[selected]} items={items} className="shell-menu" />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Typography.Text strong className="business-name" data-testid="business-name" ellipsis>
            {me.business.name}
          </Typography.Text>
          <Flex align="center" gap={8}>
            <StoreSwitcher />
            <LocaleSwitcher />
            <Divider orientation="vertical" />
            <UserBlock />
          </Flex>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

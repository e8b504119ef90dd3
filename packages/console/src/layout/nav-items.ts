import type { Permission } from '@orderloop/contract';
import type { MessageKey } from '../i18n/zh-cn.ts';

export type NavGroup = 'business' | 'admin';
export type NavEntry = {
  path: string;
  label: MessageKey;
  permission: Permission | null;
  group: NavGroup | null;
};

/** The side navigation; an entry shows only when the user holds its permission. */
export const navEntries: NavEntry[] = [
  { path: '/', label: 'nav.home', permission: null, group: null },
  { path: '/orders', label: 'nav.orders', permission: 'orders.read', group: 'business' },
  { path: '/orders/new', label: 'nav.orderNew', permission: 'orders.create', group: 'business' },
  { path: '/board', label: 'nav.board', permission: 'board.view', group: 'business' },
  { path: '/approvals', label: 'nav.approvals', permission: 'orders.approve', group: 'business' },
  { path: '/exceptions', label: 'nav.exceptions', permission: 'orders.read', group: 'business' },
  { path: '/complaints', label: 'nav.complaints', permission: 'complaints.read', group: 'business' },
  { path: '/customers', label: 'nav.customers', permission: 'customers.read', group: 'business' },
  { path: '/catalog', label: 'nav.catalog', permission: 'catalog.read', group: 'business' },
  { path: '/catalog/stock', label: 'nav.stock', permission: 'catalog.read', group: 'business' },
  { path: '/catalog/price-lists', label: 'nav.priceLists', permission: 'catalog.read', group: 'business' },
  { path: '/stores', label: 'nav.stores', permission: 'stores.read', group: 'business' },
  { path: '/reports', label: 'nav.reports', permission: 'reports.read', group: 'business' },
  { path: '/users', label: 'nav.users', permission: 'users.read', group: 'admin' },
  { path: '/roles', label: 'nav.roles', permission: 'users.read', group: 'admin' },
  { path: '/settings/workflows', label: 'nav.workflows', permission: 'workflows.manage', group: 'admin' },
  {
    path: '/settings/notifications',
    label: 'nav.notifications',
    permission: 'channels.manage',
    group: 'admin',
  },
  { path: '/settings/channels', label: 'nav.channels', permission: 'channels.manage', group: 'admin' },
  { path: '/settings/outbox', label: 'nav.outbox', permission: 'outbox.manage', group: 'admin' },
  { path: '/audit', label: 'nav.audit', permission: 'audit.read', group: 'admin' },
];

export const visibleNav = (can: (p: Permission) => boolean) =>
  navEntries.filter((e) => e.permission === null || can(e.permission));

/** The entry a location belongs to: the longest path that prefixes it (/orders/new over /orders). */
export function navKeyOf(pathname: string): string {
  const match = navEntries
    .filter((e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '/';
}

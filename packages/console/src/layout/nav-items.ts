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
  { path: '/customers', label: 'nav.customers', permission: 'customers.read', group: 'business' },
  { path: '/stores', label: 'nav.stores', permission: 'stores.read', group: 'business' },
  { path: '/users', label: 'nav.users', permission: 'users.read', group: 'admin' },
  { path: '/roles', label: 'nav.roles', permission: 'users.read', group: 'admin' },
  { path: '/audit', label: 'nav.audit', permission: 'audit.read', group: 'admin' },
];

export const visibleNav = (can: (p: Permission) => boolean) =>
  navEntries.filter((e) => e.permission === null || can(e.permission));

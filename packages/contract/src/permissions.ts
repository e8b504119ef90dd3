import { z } from 'zod';

// Fine-grained permission strings; a role is a set of these, a grant adds a data scope.
export const permissions = [
  'orders.read',
  'orders.create',
  'orders.edit',
  'orders.transition',
  'orders.approve',
  'orders.override_price',
  'orders.batch',
  'orders.attach',
  'catalog.read',
  'catalog.write',
  'stock.adjust',
  'customers.read',
  'customers.write',
  'payments.record',
  'refunds.approve',
  'complaints.read',
  'complaints.handle',
  'board.view',
  'reports.read',
  'exports.run',
  'imports.run',
  'stores.read',
  'stores.manage',
  'users.read',
  'users.manage',
  'roles.manage',
  'workflows.manage',
  'channels.manage',
  'outbox.manage',
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];
export const permissionSchema = z.enum(permissions);

export const dataScopes = ['own', 'store', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];
export const dataScopeSchema = z.enum(dataScopes);

export const builtInRoles = [
  'admin',
  'leadership',
  'coordinator',
  'approver',
  'production',
  'cashier',
  'customer_service',
  'sales_rep',
] as const;
export type BuiltInRole = (typeof builtInRoles)[number];

const readAll: Permission[] = ['orders.read', 'catalog.read', 'customers.read', 'stores.read'];

// The role each kind of user in DESIGN.md gets, with the scope it is usually granted.
export const builtInRoleDefinitions: Record<
  BuiltInRole,
  { permissions: Permission[]; defaultScope: DataScope }
> = {
  admin: { permissions: [...permissions], defaultScope: 'all' },
  leadership: {
    permissions: [
      ...readAll,
      'reports.read',
      'exports.run',
      'orders.approve',
      'complaints.read',
      'board.view',
      'users.read',
      'audit.read',
    ],
    defaultScope: 'all',
  },
  coordinator: {
    permissions: [
      ...readAll,
      'orders.create',
      'orders.edit',
      'orders.transition',
      'orders.batch',
      'orders.attach',
      'customers.write',
      'complaints.read',
      'board.view',
      'exports.run',
      'imports.run',
      'stock.adjust',
    ],
    defaultScope: 'store',
  },
  approver: {
    permissions: [
      ...readAll,
      'orders.approve',
      'orders.transition',
      'refunds.approve',
      'reports.read',
      'complaints.read',
    ],
    defaultScope: 'all',
  },
  production: {
    permissions: [
      'orders.read',
      'catalog.read',
      'stores.read',
      'orders.transition',
      'orders.attach',
      'board.view',
      'stock.adjust',
    ],
    defaultScope: 'store',
  },
  cashier: { permissions: [...readAll, 'orders.transition', 'payments.record'], defaultScope: 'store' },
  customer_service: {
    permissions: [...readAll, 'complaints.read', 'complaints.handle', 'customers.write', 'orders.transition'],
    defaultScope: 'store',
  },
  sales_rep: {
    permissions: [...readAll, 'orders.create', 'orders.edit', 'orders.attach', 'customers.write'],
    defaultScope: 'own',
  },
};

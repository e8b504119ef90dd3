import type { RouteOutput, routes } from '@orderloop/contract';

// Response shapes the contract does not name as types, derived from its route table.
export type Store = RouteOutput<typeof routes.listStores>[number];
export type Customer = RouteOutput<typeof routes.listCustomers>['items'][number];
export type AuditEntry = RouteOutput<typeof routes.listAudit>['items'][number];
export type Role = RouteOutput<typeof routes.listRoles>[number];

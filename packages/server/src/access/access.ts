import type { DataScope, Permission } from '@orderloop/contract';
import { type AnyColumn, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { AuthError, ForbiddenError } from '../lib/errors.ts';
import type { Actor, CustomerActor, StaffActor } from './actor.ts';

/**
 * What one permission lets an actor reach: everything in the business, some stores, and/or the
 * records they own. Built from all of the actor's grants that carry the permission.
 */
export type Scope = {
  actor: StaffActor;
  permission: Permission;
  all: boolean;
  storeIds: string[];
  own: boolean;
};

export function effectiveScope(actor: StaffActor, permission: Permission): Scope | null {
  const grants = actor.grants.filter((g) => g.permissions.includes(permission));
  if (!grants.length) return null;
  const storeIds = new Set<string>();
  let all = false;
  let own = false;
  for (const g of grants) {
    if (g.scope === 'all') all = true;
    else if (g.scope === 'store' && g.storeId) storeIds.add(g.storeId);
    else if (g.scope === 'own') own = true;
  }
  return { actor, permission, all, storeIds: [...storeIds], own };
}

export function requireStaff(actor: Actor | null): StaffActor {
  if (!actor) throw new AuthError('AUTH_REQUIRED', { key: 'auth.required' });
  if (actor.kind !== 'staff') throw new ForbiddenError({ key: 'auth.wrongPrincipal' });
  return actor;
}

export function requireCustomer(actor: Actor | null): CustomerActor {
  if (!actor) throw new AuthError('AUTH_REQUIRED', { key: 'auth.required' });
  if (actor.kind !== 'customer') throw new ForbiddenError({ key: 'auth.wrongPrincipal' });
  return actor;
}

/** The one access check: every service calls it on its first line. */
export function requirePermission(actor: Actor | null, permission: Permission): Scope {
  const staff = requireStaff(actor);
  const scope = effectiveScope(staff, permission);
  if (!scope) throw new ForbiddenError({ key: 'forbidden.permission', vars: { permission } });
  return scope;
}

/**
 * The stores an actor may act in with this permission: all, the stores of store grants, and the
 * home stores of own grants (a sales rep creates their own orders in their store).
 */
export function storesOf(scope: Scope): string[] | 'all' {
  if (scope.all) return 'all';
  const home = scope.own
    ? scope.actor.grants
        .filter((g) => g.scope === 'own' && g.storeId && g.permissions.includes(scope.permission))
        .map((g) => g.storeId!)
    : [];
  return [...new Set([...scope.storeIds, ...home])];
}

export function assertStoreAccess(scope: Scope, storeId: string): void {
  const stores = storesOf(scope);
  if (stores !== 'all' && !stores.includes(storeId)) throw new ForbiddenError({ key: 'forbidden.scope' });
}

export type Ownership = { storeId?: string | null; ownerIds?: (string | null | undefined)[] };

export function inScope(scope: Scope, record: Ownership): boolean {
  if (scope.all) return true;
  if (record.storeId && scope.storeIds.includes(record.storeId)) return true;
  if (scope.own && record.ownerIds?.includes(scope.actor.userId)) return true;
  return false;
}

export function assertInScope(scope: Scope, record: Ownership): void {
  if (!inScope(scope, record)) throw new ForbiddenError({ key: 'forbidden.scope' });
}

/**
 * The same rule as `inScope`, as SQL, so lists are filtered by the database rather than after
 * fetching. Returns undefined when nothing needs filtering.
 */
export function scopeFilter(
  scope: Scope,
  columns: { store?: AnyColumn; owners?: AnyColumn[] },
): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (columns.store && scope.storeIds.length) parts.push(inArray(columns.store, scope.storeIds));
  if (scope.own) for (const c of columns.owners ?? []) parts.push(eq(c, scope.actor.userId));
  return parts.length ? or(...parts) : sql`false`;
}

/** Whether an actor may hand out a grant: never more than they hold themselves. */
export function canGrant(
  actor: StaffActor,
  permissions: readonly Permission[],
  scope: DataScope,
  storeId: string | null,
): boolean {
  return permissions.every((p) => {
    const mine = effectiveScope(actor, p);
    if (!mine) return false;
    if (mine.all) return true;
    if (scope === 'all') return false;
    return !!storeId && mine.storeIds.includes(storeId);
  });
}

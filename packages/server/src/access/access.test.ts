import { describe, expect, it } from 'vitest';
import { canGrant, effectiveScope, inScope } from './access.ts';
import type { Grant, StaffActor } from './actor.ts';

const grant = (
  permissions: Grant['permissions'],
  scope: Grant['scope'],
  storeId: string | null = null,
): Grant => ({
  id: 'g',
  roleId: 'r',
  roleKey: 'k',
  roleName: 'n',
  permissions,
  scope,
  storeId,
});
const actor = (...grants: Grant[]): StaffActor => ({
  kind: 'staff',
  userId: 'me',
  businessId: 'b',
  username: 'me',
  displayName: 'Me',
  locale: 'en',
  grants,
  sessionId: 's',
  sessionMode: 'token',
});

describe('effectiveScope', () => {
  it('is null without the permission', () => {
    expect(effectiveScope(actor(grant(['orders.read'], 'all')), 'orders.create')).toBeNull();
  });
  it('unions the stores of several store grants, and "all" wins', () => {
    const a = actor(
      grant(['orders.read'], 'store', 'A'),
      grant(['orders.read'], 'store', 'B'),
      grant(['users.read'], 'all'),
    );
    expect(effectiveScope(a, 'orders.read')).toMatchObject({ all: false, storeIds: ['A', 'B'], own: false });
    expect(
      effectiveScope(
        actor(grant(['orders.read'], 'store', 'A'), grant(['orders.read'], 'all')),
        'orders.read',
      )?.all,
    ).toBe(true);
  });
});

describe('inScope', () => {
  const storeA = effectiveScope(actor(grant(['orders.read'], 'store', 'A')), 'orders.read')!;
  const own = effectiveScope(actor(grant(['orders.read'], 'own', 'A')), 'orders.read')!;
  it('store scope reaches records of its stores only', () => {
    expect(inScope(storeA, { storeId: 'A' })).toBe(true);
    expect(inScope(storeA, { storeId: 'B' })).toBe(false);
    expect(inScope(storeA, { storeId: null })).toBe(false);
  });
  it('own scope reaches only records I own, whatever their store', () => {
    expect(inScope(own, { storeId: 'A', ownerIds: ['someone'] })).toBe(false);
    expect(inScope(own, { storeId: 'B', ownerIds: [null, 'me'] })).toBe(true);
  });
});

describe('canGrant', () => {
  const mgr = actor(grant(['orders.read', 'orders.create'], 'store', 'A'), grant(['users.read'], 'all'));
  it('allows handing out what I hold, where I hold it', () => {
    expect(canGrant(mgr, ['orders.read'], 'store', 'A')).toBe(true);
    expect(canGrant(mgr, ['orders.read'], 'own', 'A')).toBe(true);
    expect(canGrant(mgr, ['users.read'], 'all', null)).toBe(true);
  });
  it('refuses more permissions, another store, or a wider scope', () => {
    expect(canGrant(mgr, ['orders.read', 'orders.approve'], 'store', 'A')).toBe(false);
    expect(canGrant(mgr, ['orders.read'], 'store', 'B')).toBe(false);
    expect(canGrant(mgr, ['orders.read'], 'all', null)).toBe(false);
  });
});

import { routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: Awaited<ReturnType<TestServer['loginToken']>>;
let adminId: string;

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db);
  const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
  adminId = u.id;
  admin = await s.loginToken(u.username, PASSWORD);
});
afterAll(() => s.close());

describe('audit log', () => {
  it('records a change with actor, before/after of the changed fields only, request id and IP', async () => {
    const res = await fetch(`${s.url}/api/stores/${biz.storeA}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${admin.token}`,
        'content-type': 'application/json',
        'x-request-id': 'audit-trace-1',
      },
      body: JSON.stringify({ name: 'Renamed A', timezone: 'Asia/Shanghai' }),
    });
    expect(res.status).toBe(200);
    const { items } = await admin.call(routes.listAudit, {
      query: { entityType: 'store', entityId: biz.storeA },
    });
    expect(items[0]).toMatchObject({
      action: 'store.updated',
      actorType: 'user',
      actorId: adminId,
      entityId: biz.storeA,
      storeId: biz.storeA,
      requestId: 'audit-trace-1',
      ip: '127.0.0.1',
      changes: { name: { before: 'Store A', after: 'Renamed A' } },
    });
    // the unchanged time zone is not reported as a change
    expect(Object.keys(items[0]!.changes)).toEqual(['name']);
  });

  it('is queryable by actor, and pages newest first', async () => {
    for (const n of [1, 2, 3])
      await admin.call(routes.createStore, { body: { code: `P${n}`, name: `Paged ${n}` } });
    const first = await admin.call(routes.listAudit, {
      query: { actorId: adminId, action: 'store.created', limit: 2 },
    });
    expect(first.items.map((i) => i.changes.name?.after)).toEqual(['Paged 3', 'Paged 2']);
    const second = await admin.call(routes.listAudit, {
      query: { actorId: adminId, action: 'store.created', limit: 2, cursor: first.nextCursor! },
    });
    expect(second.items.map((i) => i.changes.name?.after)).toEqual(['Paged 1']);
    expect(second.nextCursor).toBeNull();
  });

  it('records sign-ins and failed sign-ins, never a password', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    await s.anon
      .call(routes.login, { body: { username: u.username, password: 'wrong-one-here' } })
      .catch(() => {});
    const c = await s.loginToken(u.username, PASSWORD);
    await c.call(routes.changePassword, {
      body: { currentPassword: PASSWORD, newPassword: 'another-secret-1' },
    });
    const { items } = await admin.call(routes.listAudit, { query: { entityType: 'user', entityId: u.id } });
    expect(items.map((i) => i.action)).toEqual(['user.password_changed', 'auth.login', 'auth.login_failed']);
    expect(JSON.stringify(items)).not.toMatch(/another-secret-1|wrong-one-here|\$argon2/);
    expect(items[0]!.changes.passwordHash).toEqual({ before: '***', after: '***' });
  });

  it('records user creation with grants, and grant changes', async () => {
    const created = await admin.call(routes.createUser, {
      body: {
        username: 'audited-user',
        displayName: 'Audited',
        password: 'long-enough-pw',
        grants: [{ roleId: biz.roleIds.cashier, scope: 'store', storeId: biz.storeA }],
      },
    });
    await admin.call(routes.setUserGrants, {
      params: { id: created.id },
      body: { grants: [{ roleId: biz.roleIds.production, scope: 'store', storeId: biz.storeB }] },
    });
    const { items } = await admin.call(routes.listAudit, { query: { entityId: created.id } });
    expect(items.map((i) => i.action)).toEqual(['user.grants_changed', 'user.created']);
    expect(items[0]!.changes.grants).toEqual({
      before: [`cashier:store@${biz.storeA}`],
      after: [`production:store@${biz.storeB}`],
    });
  });

  it('a failed change leaves no audit entry and no partial write', async () => {
    const before = (await admin.call(routes.listAudit, { query: {} })).items.length;
    await admin
      .call(routes.createUser, {
        body: { username: 'audited-user', displayName: 'Dup', password: 'long-enough-pw', grants: [] },
      })
      .catch(() => {});
    const after = (await admin.call(routes.listAudit, { query: {} })).items.length;
    expect(after).toBe(before);
  });
});

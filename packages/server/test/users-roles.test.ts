import { routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: Awaited<ReturnType<TestServer['loginToken']>>;

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db);
  admin = await s.loginToken(
    (await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }])).username,
    PASSWORD,
  );
});
afterAll(() => s.close());

describe('users', () => {
  it('creates a user who can then sign in with exactly the granted rights', async () => {
    const u = await admin.call(routes.createUser, {
      body: {
        username: 'New.Cashier',
        displayName: '新收银',
        password: 'cashier-pass-1',
        locale: 'en',
        grants: [{ roleId: biz.roleIds.cashier, scope: 'store', storeId: biz.storeB }],
      },
    });
    expect(u.username).toBe('new.cashier');
    expect(u.grants).toEqual([
      expect.objectContaining({ roleKey: 'cashier', scope: 'store', storeId: biz.storeB }),
    ]);
    const c = await s.loginToken('new.cashier', 'cashier-pass-1');
    const me = await c.call(routes.me);
    expect(me.stores.map((st) => st.id)).toEqual([biz.storeB]);
    expect(me.permissions.map((p) => p.permission)).toContain('payments.record');
  });

  it('refuses a duplicate username or phone on the right field', async () => {
    await admin.call(routes.createUser, {
      body: { username: 'dup-user', displayName: 'A', phone: '13311112222', password: 'long-enough-pw' },
    });
    const byName = await problemOf(
      admin.call(routes.createUser, {
        body: { username: 'dup-user', displayName: 'B', password: 'long-enough-pw' },
      }),
    );
    expect([byName.status, byName.code, byName.fields?.[0]?.field]).toEqual([
      409,
      'ALREADY_EXISTS',
      'body.username',
    ]);
    const byPhone = await problemOf(
      admin.call(routes.createUser, {
        body: { username: 'dup-user-2', displayName: 'B', phone: '13311112222', password: 'long-enough-pw' },
      }),
    );
    expect(byPhone.fields?.[0]?.field).toBe('body.phone');
  });

  it('explains a weak password and a bad username in the caller language', async () => {
    const p = await problemOf(
      admin.call(routes.createUser, {
        body: { username: '!', displayName: 'x', password: 'short' },
        headers: { 'accept-language': 'ja' },
      }),
    );
    expect(p.fields?.map((f) => f.field).sort()).toEqual(['body.password', 'body.username']);
    expect(p.title).toBe('入力が正しくありません');
  });

  it('a store-scoped grant without a store is refused', async () => {
    const p = await problemOf(
      admin.call(routes.createUser, {
        body: {
          username: 'nostore',
          displayName: 'x',
          password: 'long-enough-pw',
          grants: [{ roleId: biz.roleIds.cashier, scope: 'store' }],
        },
      }),
    );
    expect(p.fields?.[0]?.field).toBe('body.grants.0.storeId');
  });

  it('filters and searches users', async () => {
    const inB = await admin.call(routes.listUsers, { query: { storeId: biz.storeB } });
    expect(inB.items.map((u) => u.username)).toEqual(['new.cashier']);
    const found = await admin.call(routes.listUsers, { query: { q: 'DUP-USER' } });
    expect(found.items.map((u) => u.username)).toEqual(['dup-user']);
  });
});

describe('roles', () => {
  it('creates a custom role, grants it, and changes take effect on the next request', async () => {
    const role = await admin.call(routes.createRole, {
      body: { key: 'auditor', name: 'Auditor', permissions: ['audit.read'] },
    });
    expect(role).toMatchObject({ builtIn: false, userCount: 0, permissions: ['audit.read'] });
    const u = await makeUser(s.database.db, biz, [{ role: role.id, scope: 'all' }]);
    const c = await s.loginToken(u.username, PASSWORD);
    await expect(c.call(routes.listAudit, { query: {} })).resolves.toBeTruthy();
    expect((await problemOf(c.call(routes.listStores))).status).toBe(403);
    await admin.call(routes.updateRole, {
      params: { id: role.id },
      body: { permissions: ['audit.read', 'stores.read'] },
    });
    await expect(c.call(routes.listStores)).resolves.toHaveLength(2);
  });

  it('refuses to delete a built-in role or a role in use; deletes an unused one', async () => {
    expect(
      (await problemOf(admin.call(routes.deleteRole, { params: { id: biz.roleIds.cashier } }))).code,
    ).toBe('CONFLICT');
    const used = (await admin.call(routes.listRoles)).find((r) => r.key === 'auditor')!;
    expect((await problemOf(admin.call(routes.deleteRole, { params: { id: used.id } }))).code).toBe(
      'CONFLICT',
    );
    const spare = await admin.call(routes.createRole, {
      body: { key: 'spare', name: 'Spare', permissions: [] },
    });
    await admin.call(routes.deleteRole, { params: { id: spare.id } });
    expect((await admin.call(routes.listRoles)).some((r) => r.key === 'spare')).toBe(false);
  });

  it('a role manager limited to one store cannot shape roles', async () => {
    const roleId = (
      await admin.call(routes.createRole, {
        body: {
          key: 'store_admin',
          name: 'Store admin',
          permissions: ['roles.manage', 'users.read', 'audit.read'],
        },
      })
    ).id;
    const u = await makeUser(s.database.db, biz, [{ role: roleId, scope: 'store', storeId: biz.storeA }]);
    const c = await s.loginToken(u.username, PASSWORD);
    expect(
      (
        await problemOf(
          c.call(routes.createRole, { body: { key: 'sneaky', name: 'x', permissions: ['audit.read'] } }),
        )
      ).status,
    ).toBe(403);
  });

  it('labels built-in roles and permissions in the caller language', async () => {
    const en = await admin.call(routes.listPermissions, { headers: { 'accept-language': 'en' } });
    expect(en.find((p) => p.permission === 'orders.approve')?.label).toBe('Orders · approve');
    const zh = await admin.call(routes.listRoles, { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.find((r) => r.key === 'sales_rep')?.name).toBe('销售代表');
  });
});

describe('validation messages', () => {
  it('translates the contract rules too, in every language', async () => {
    const body = { username: '!', displayName: 'x', password: 'long-enough-pw', phone: 'abc' };
    const zh = await problemOf(
      admin.call(routes.createUser, { body, headers: { 'accept-language': 'zh-CN' } }),
    );
    const en = await problemOf(admin.call(routes.createUser, { body, headers: { 'accept-language': 'en' } }));
    expect(zh.fields?.find((f) => f.field === 'body.username')?.message).toBe(
      '3–40 位字母、数字、点、横线或下划线',
    );
    expect(en.fields?.find((f) => f.field === 'body.phone')?.message).toMatch(/^Enter a phone number/);
  });
});

describe('conflict messages', () => {
  it('name the field in the caller language, on the field too', async () => {
    await admin.call(routes.createUser, {
      body: { username: 'taken-name', displayName: 'A', password: 'long-enough-pw' },
    });
    const zh = await problemOf(
      admin.call(routes.createUser, {
        body: { username: 'taken-name', displayName: 'B', password: 'long-enough-pw' },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(zh.detail).toBe('用户名为“taken-name”的记录已存在。');
    expect(zh.fields?.[0]?.message).toBe(zh.detail);
  });
});

import { permissions, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBusiness, makeRole, makeUser, PASSWORD } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { allRoutes, send } from './route-helpers.ts';

// Generated from the route table: a route added without an access rule, or whose rule the server
// does not enforce, fails here without anyone writing a new test.
let s: TestServer;
const tokens: Record<string, string> = {};
let bareUser = '';

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '10000', LOGIN_ACCOUNT_LIMIT: '10000' } });
  const biz = await makeBusiness(s.database.db);
  const db = s.database.db;
  // one user per permission holding only it, and one holding everything but it
  for (const p of permissions) {
    const only = await makeUser(db, biz, [{ role: await makeRole(db, biz, [p]), scope: 'all' }]);
    const allBut = await makeUser(db, biz, [
      {
        role: await makeRole(
          db,
          biz,
          permissions.filter((x) => x !== p),
        ),
        scope: 'all',
      },
    ]);
    tokens[`only:${p}`] = (await s.loginToken(only.username, PASSWORD)).token;
    tokens[`allBut:${p}`] = (await s.loginToken(allBut.username, PASSWORD)).token;
  }
  const bare = await makeUser(db, biz, []);
  bareUser = bare.username;
  tokens.bare = (await s.loginToken(bare.username, PASSWORD)).token;
  const { devCode } = await s.anon.call(routes.customerRequestCode, {
    body: { business: biz.slug, phone: '13600000000' },
  });
  tokens.customer = (
    await s.anon.call(routes.customerLogin, {
      body: { business: biz.slug, phone: '13600000000', code: devCode! },
    })
  ).token;
}, 120_000);
afterAll(() => s.close());

describe.each(allRoutes)('%s', (_key, route) => {
  it('declares an access rule', () => {
    expect(['public', 'staff', 'customer']).toContain(route.access.kind);
  });

  if (route.access.kind === 'public') return;

  it('answers 401 without credentials', async () => {
    const r = await send(s.url, route);
    expect([r.status, r.json.code]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('answers 401 for a made-up token', async () => {
    const r = await send(s.url, route, { token: 'forged-token-value' });
    expect([r.status, r.json.code]).toEqual([401, 'AUTH_SESSION_EXPIRED']);
  });

  if (route.access.kind === 'customer') {
    it('refuses staff', async () => {
      const r = await send(s.url, route, { token: tokens.bare });
      expect(r.status).toBe(403);
    });
    it('lets a customer through', async () => {
      const r = await send(s.url, route, { token: tokens.customer });
      expect([401, 403]).not.toContain(r.status);
    });
    return;
  }

  it('refuses a customer', async () => {
    const r = await send(s.url, route, { token: tokens.customer });
    expect(r.status).toBe(403);
  });

  const permission = route.access.permission;
  if (!permission) {
    it('lets any signed-in staff member through', async () => {
      // a session of its own: this may be the logout route
      const r = await send(s.url, route, { token: (await s.loginToken(bareUser, PASSWORD)).token });
      expect([401, 403]).not.toContain(r.status);
    });
    return;
  }

  it(`refuses staff without ${permission} (403), even holding every other permission`, async () => {
    const r = await send(s.url, route, { token: tokens[`allBut:${permission}`] });
    expect([r.status, r.json.code]).toEqual([403, 'FORBIDDEN']);
  });

  it(`lets staff holding only ${permission} past the access check`, async () => {
    const r = await send(s.url, route, { token: tokens[`only:${permission}`] });
    expect([401, 403]).not.toContain(r.status);
  });
});

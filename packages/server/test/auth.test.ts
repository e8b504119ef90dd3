import { type Problem, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db);
});
afterAll(() => s.close());

describe('staff sign-in', () => {
  it('signs in by username with a bearer token and answers /me with permissions and stores', async () => {
    const u = await makeUser(s.database.db, biz, [
      { role: 'coordinator', scope: 'store', storeId: biz.storeA },
    ]);
    const c = await s.loginToken(u.username, PASSWORD);
    const me = await c.call(routes.me);
    expect(me.user.username).toBe(u.username);
    expect(me.stores.map((x) => x.id)).toEqual([biz.storeA]);
    expect(me.permissions.find((p) => p.permission === 'orders.create')).toEqual({
      permission: 'orders.create',
      scope: 'store',
      storeIds: [biz.storeA],
    });
    expect(me.permissions.some((p) => p.permission === 'users.manage')).toBe(false);
  });

  it('sets an httpOnly SameSite cookie and a CSRF token in cookie mode', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('ol_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('ol_csrf='))).not.toMatch(/HttpOnly/i);
    const body = (await res.json()) as { csrfToken?: string; token?: string };
    expect(body.csrfToken).toBeTruthy();
    expect(body.token).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const u = await makeUser(s.database.db, biz, []);
    const a = await problemOf(
      s.anon.call(routes.login, { body: { username: u.username, password: 'wrong-password' } }),
    );
    const b = await problemOf(
      s.anon.call(routes.login, { body: { username: 'nobody-here', password: 'wrong-password' } }),
    );
    expect([a.status, a.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    expect([b.status, b.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    expect(a.detail).toBe(b.detail);
  });

  it('locks an account after repeated failures, then lets it in once the lock expires', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    for (let i = 0; i < s.config.login.maxFailures; i++) {
      await problemOf(s.anon.call(routes.login, { body: { username: u.username, password: 'nope-nope' } }));
    }
    const locked = await problemOf(
      s.anon.call(routes.login, { body: { username: u.username, password: PASSWORD } }),
    );
    expect([locked.status, locked.code]).toEqual([423, 'AUTH_ACCOUNT_LOCKED']);
    s.clock.advance((s.config.login.lockMinutes + 1) * 60_000);
    await expect(s.loginToken(u.username, PASSWORD)).resolves.toBeTruthy();
  });

  it('refuses a disabled account', async () => {
    const u = await makeUser(s.database.db, biz, [], { status: 'disabled' });
    const e = await problemOf(
      s.anon.call(routes.login, { body: { username: u.username, password: PASSWORD } }),
    );
    expect(e.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('localises messages by Accept-Language', async () => {
    const answers = await Promise.all(
      ['zh-CN', 'en-US,en;q=0.9', 'ja'].map((lang) =>
        fetch(`${s.url}/api/auth/me`, { headers: { 'accept-language': lang } }).then(
          (r) => r.json() as Promise<{ title: string }>,
        ),
      ),
    );
    expect(answers.map((a) => a.title)).toEqual(['请先登录', 'Please sign in', 'ログインしてください']);
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'leadership', scope: 'all' }]);
    const c = await s.loginToken(u.username, PASSWORD);
    await c.call(routes.logout);
    const e = await problemOf(c.call(routes.me));
    expect([e.status, e.code]).toEqual([401, 'AUTH_SESSION_EXPIRED']);
  });

  it('expires after the idle time and slides while in use', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'leadership', scope: 'all' }]);
    const c = await s.loginToken(u.username, PASSWORD);
    const idle = s.config.sessionIdleMs;
    s.clock.advance(idle - 60_000 * 5);
    await c.call(routes.me); // activity slides the expiry
    s.clock.advance(idle - 60_000 * 5);
    await expect(c.call(routes.me)).resolves.toBeTruthy();
    s.clock.advance(idle + 1000);
    expect((await problemOf(c.call(routes.me))).code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('revoking all sessions of a user signs them out everywhere', async () => {
    const admin = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const u = await makeUser(s.database.db, biz, [{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    const a = await s.loginToken(u.username, PASSWORD);
    const b = await s.loginCookie(u.username, PASSWORD);
    const ac = await s.loginToken(admin.username, PASSWORD);
    expect(await ac.call(routes.revokeUserSessions, { params: { id: u.id } })).toEqual({ revoked: 2 });
    expect((await problemOf(a.call(routes.me))).code).toBe('AUTH_SESSION_EXPIRED');
    expect((await problemOf(b.call(routes.me))).code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    const other = await s.loginToken(u.username, PASSWORD);
    const mine = await s.loginToken(u.username, PASSWORD);
    const wrong = await problemOf(
      mine.call(routes.changePassword, {
        body: { currentPassword: 'not-it-at-all', newPassword: 'brand-new-secret' },
      }),
    );
    expect(wrong.fields?.[0]?.field).toBe('body.currentPassword');
    await mine.call(routes.changePassword, {
      body: { currentPassword: PASSWORD, newPassword: 'brand-new-secret' },
    });
    expect((await problemOf(other.call(routes.me))).code).toBe('AUTH_SESSION_EXPIRED');
    await expect(mine.call(routes.me)).resolves.toBeTruthy();
    await expect(s.loginToken(u.username, 'brand-new-secret')).resolves.toBeTruthy();
    expect((await problemOf(s.loginToken(u.username, PASSWORD))).code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('a disabled user loses their live sessions at once', async () => {
    const admin = await s.loginToken(
      (await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }])).username,
      PASSWORD,
    );
    const u = await makeUser(s.database.db, biz, [{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    const c = await s.loginToken(u.username, PASSWORD);
    await admin.call(routes.updateUser, { params: { id: u.id }, body: { status: 'disabled' } });
    expect((await problemOf(c.call(routes.me))).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing cookie request without the token, accepts it with the token', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const c = await s.loginCookie(u.username, PASSWORD);
    await expect(c.withoutCsrf.call(routes.me)).resolves.toBeTruthy(); // reads need no token
    const e = await problemOf(
      c.withoutCsrf.call(routes.createStore, { body: { code: 'CS', name: 'No token' } }),
    );
    expect([e.status, e.code]).toEqual([403, 'CSRF_FAILED']);
    const wrong = await problemOf(
      c.withoutCsrf.call(routes.createStore, {
        body: { code: 'CS', name: 'Bad token' },
        headers: { 'x-csrf-token': 'forged' },
      }),
    );
    expect(wrong.code).toBe('CSRF_FAILED');
    await expect(
      c.call(routes.createStore, { body: { code: 'CS', name: 'With token' } }),
    ).resolves.toMatchObject({ code: 'CS' });
  });

  it('a cookie session cannot be replayed as a bearer token', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const c = await s.loginCookie(u.username, PASSWORD);
    const res = await fetch(`${s.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${c.cookies.get('ol_session')}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('rate limiting', () => {
  it('limits sign-in attempts per account, across usernames that do not exist too', async () => {
    const name = 'ghost-account';
    let last: Problem | undefined;
    for (let i = 0; i <= s.config.login.accountLimit; i++) {
      last = await problemOf(s.anon.call(routes.login, { body: { username: name, password: 'whatever-1' } }));
    }
    expect([last?.status, last?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(last?.meta?.retryAfterSeconds)).toBeGreaterThan(0);
  });
});

describe('rate limiting per IP', () => {
  it('limits sign-in attempts from one address', async () => {
    const t = await startTestServer({ env: { LOGIN_IP_LIMIT: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${t.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `user-${i}`, password: 'whatever-1' }),
        });
        codes.push(r.status);
        if (r.status === 429) expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('customer dev login (H5)', () => {
  it('exchanges a one-time code for a customer token; the code works once', async () => {
    const { devCode } = await s.anon.call(routes.customerRequestCode, {
      body: { business: biz.slug, phone: '13700000001' },
    });
    const bad = await problemOf(
      s.anon.call(routes.customerLogin, {
        body: { business: biz.slug, phone: '13700000001', code: devCode === '000000' ? '111111' : '000000' },
      }),
    );
    expect(bad.code).toBe('AUTH_INVALID_CREDENTIALS');
    const r = await s.anon.call(routes.customerLogin, {
      body: { business: biz.slug, phone: '13700000001', code: devCode! },
    });
    expect(r.me.customer.phone).toBe('13700000001');
    const again = await problemOf(
      s.anon.call(routes.customerLogin, {
        body: { business: biz.slug, phone: '13700000001', code: devCode! },
      }),
    );
    expect(again.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('is off in production', async () => {
    const t = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      const r = await fetch(`${t.url}/api/customer-auth/dev/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ business: 'x', phone: '13700000001' }),
      });
      expect(r.status).toBe(404);
      expect(((await r.json()) as { code: string }).code).toBe('FEATURE_DISABLED');
    } finally {
      await t.close();
    }
  });
});

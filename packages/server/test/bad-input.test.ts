import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBusiness, makeUser, PASSWORD } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { allRoutes, send } from './route-helpers.ts';

// Generated from the route table: every route answers bad input with a clear 4xx problem, never a 500.
let s: TestServer;
let adminName: string;
let storeId: string;
let customerToken: string;

beforeAll(async () => {
  s = await startTestServer({
    env: { BODY_LIMIT_BYTES: '4096', LOGIN_IP_LIMIT: '10000', LOGIN_ACCOUNT_LIMIT: '10000' },
  });
  const biz = await makeBusiness(s.database.db);
  storeId = biz.storeA;
  adminName = (await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }])).username;
  const { routes } = await import('@orderloop/contract');
  const { devCode } = await s.anon.call(routes.customerRequestCode, {
    body: { business: biz.slug, phone: '13500000000' },
  });
  customerToken = (
    await s.anon.call(routes.customerLogin, {
      body: { business: biz.slug, phone: '13500000000', code: devCode! },
    })
  ).token;
});
afterAll(() => s.close());

const expectProblem = (r: Awaited<ReturnType<typeof send>>, status: number, code: string) => {
  expect([r.status, r.json.code]).toEqual([status, code]);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.json.requestId).toBe(r.headers.get('x-request-id'));
  expect(typeof r.json.title).toBe('string');
  expect(typeof r.json.detail).toBe('string');
};

describe.each(allRoutes)('%s', (_key, route) => {
  // a session per route: one of them is logout
  let token = '';
  beforeAll(async () => {
    token = (await s.loginToken(adminName, PASSWORD)).token;
  });
  const auth = () => (route.access.kind === 'customer' ? customerToken : token);

  it('never answers 5xx to junk in the query string', async () => {
    const r = await send(s.url, route, {
      token: auth(),
      query: `limit=%00&q=${'%F0%9F%92%A5'.repeat(300)}&x[y]=1&cursor=${'A'.repeat(300)}`,
    });
    expect(r.status).toBeLessThan(500);
  });

  if (route.params) {
    it('refuses a malformed id, naming the field', async () => {
      const r = await send(s.url, route, { token: auth(), param: 'not-an-id' });
      expectProblem(r, 400, 'VALIDATION_FAILED');
      expect((r.json.fields as { field: string }[]).map((f) => f.field)).toContain('params.id');
    });
  }

  if (route.body) {
    it('refuses a body of the wrong shape, naming the fields', async () => {
      const r = await send(s.url, route, { token: auth(), body: '[1,2,3]' });
      expectProblem(r, 400, 'VALIDATION_FAILED');
      expect((r.json.fields as unknown[]).length).toBeGreaterThan(0);
    });
    it('refuses wrongly typed fields', async () => {
      const junk = JSON.stringify({
        username: 42,
        name: ['x'],
        code: {},
        permissions: 'all',
        phone: 1e300,
        status: 'gone',
        password: null,
      });
      const r = await send(s.url, route, { token: auth(), body: junk });
      expectProblem(r, 400, 'VALIDATION_FAILED');
    });
    it('refuses malformed JSON', async () => {
      expectProblem(await send(s.url, route, { token: auth(), body: '{"a":' }), 400, 'BAD_JSON');
    });
    it('refuses a non-JSON content type', async () => {
      expectProblem(
        await send(s.url, route, {
          token: auth(),
          body: 'a=1',
          contentType: 'application/x-www-form-urlencoded',
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
    it('refuses an oversized body', async () => {
      expectProblem(
        await send(s.url, route, { token: auth(), body: JSON.stringify({ x: 'y'.repeat(10_000) }) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });
    it('refuses prototype pollution', async () => {
      const r = await send(s.url, route, { token: auth(), body: '{"__proto__":{"admin":true}}' });
      expect(r.status).toBe(400);
    });
  }

  if (route.query?.shape && 'limit' in route.query.shape) {
    it('refuses a bad page size and a forged cursor', async () => {
      expectProblem(
        await send(s.url, route, { token: auth(), query: 'limit=lots' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await send(s.url, route, { token: auth(), query: 'limit=100000' }),
        400,
        'VALIDATION_FAILED',
      );
      // required filters filled in, so the cursor is the only thing wrong
      const required =
        route.query &&
        'storeId' in route.query.shape &&
        !route.query.shape.storeId.safeParse(undefined).success
          ? `&storeId=${storeId}`
          : '';
      if (!route.query || !('cursor' in route.query.shape)) return; // a top-N list, not paged
      const forged = await send(s.url, route, { token: auth(), query: `cursor=%7B%7D${required}` });
      expectProblem(forged, 400, 'VALIDATION_FAILED');
      expect(forged.json.fields).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
    });
  }
});

describe('outside the route table', () => {
  it('refuses a NUL character anywhere in the input, naming the field (PostgreSQL cannot store it)', async () => {
    const login = allRoutes.find(([, r]) => r.path === '/api/auth/login')![1];
    const r = await send(s.url, login, {
      body: JSON.stringify({ username: 'a\u0000b', password: 'whatever-long-enough' }),
    });
    expectProblem(r, 400, 'VALIDATION_FAILED');
    expect(r.json.fields).toEqual([expect.objectContaining({ field: 'body.username' })]);
  });
  it('unknown routes are a 404 problem', async () => {
    const r = await fetch(`${s.url}/api/nothing-here`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });
  it('answers an over-long path parameter and oversized headers with a problem too', async () => {
    const long = await fetch(`${s.url}/api/users/${'x'.repeat(500)}`);
    expect([long.status, long.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    expect(((await long.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const huge = await fetch(`${s.url}/api/orders?q=${'y'.repeat(40_000)}`);
    expect([huge.status, huge.headers.get('content-type')]).toEqual([
      431,
      'application/problem+json; charset=utf-8',
    ]);
  });
  it('keeps a well-formed caller request id and replaces a hostile one', async () => {
    const kept = await fetch(`${s.url}/api/nothing`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(((await kept.json()) as { requestId: string }).requestId).toBe('trace-abc.123');
    const replaced = await fetch(`${s.url}/api/nothing`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { type RouteDef, routes } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { makeBusiness, makeCustomer, makeUser, PASSWORD } from '../test/factories.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { allRoutes } from '../test/route-helpers.ts';
import { changedTables, type Fingerprint, fingerprint, VOLATILE_TABLES } from './fingerprint.ts';
import { hostileString, jsonSchemaOf, MASS_ASSIGN, paramFor, queryFor, valueFor } from './hostile.ts';

// Every route of the contract, fuzzed from its own schemas: the answer is a 4xx problem or a
// success, never a 5xx, and a refused request leaves every table as it was.
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 1);
let s: TestServer;
let adminName = '';
let staffToken = '';
let customerToken = '';
let ids: string[] = [];
let base: Fingerprint;
const tally = { requests: 0, ok: 0, refused: 0 };

const snapshot = () => fingerprint(s.database.db, { skip: VOLATILE_TABLES });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '100000', LOGIN_ACCOUNT_LIMIT: '100000' } });
  const db = s.database.db;
  const biz = await makeBusiness(db, 'b2b');
  adminName = (await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username;
  await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeB }]);
  await makeCustomer(db, biz, { storeId: biz.storeA });
  const admin = await s.loginToken(adminName, PASSWORD);
  staffToken = admin.token;
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Noodles', skus: [{ code: 'N-1', price: 1800 }] },
  });
  await admin.call(routes.createProduct, { body: { name: 'Soup', skus: [{ code: 'N-2', price: 2400 }] } });
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId: p.skus[0]!.id, mode: 'track', quantity: 50, reason: 'tracking' },
  });
  await admin.call(routes.createOrder, {
    body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [{ skuId: p.skus[0]!.id, quantity: 2 }] },
  });
  const customer = await s.loginCustomer(biz.slug, '13900000000');
  customerToken = customer.token;
  // real ids of every kind, so fuzzed requests reach the services, not only the validation
  const idRows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id::text FROM stores UNION ALL SELECT id::text FROM skus UNION ALL SELECT id::text FROM products
      UNION ALL SELECT id::text FROM customers UNION ALL SELECT id::text FROM orders
      UNION ALL SELECT id::text FROM roles UNION ALL SELECT id::text FROM order_lines
      UNION ALL SELECT id::text FROM users WHERE username <> ${adminName}`,
  );
  ids = idRows.map((r) => r.id);
  base = await snapshot();
}, 120_000);

afterAll(async () => {
  console.log(
    `hostile input: ${tally.requests} requests over ${allRoutes.length} routes, ${tally.ok} accepted, ${tally.refused} refused with 4xx`,
  );
  await s?.close();
});

type Req = { path: string; query: string; body: string | undefined; contentType: string };

function requestFor(route: RouteDef): fc.Arbitrary<Req> {
  const params = (route.path.match(/:\w+/g) ?? []).map(() => paramFor(ids));
  const path = fc.tuple(...params).map((vals) => {
    let i = 0;
    return route.path.replace(/:\w+/g, () => vals[i++]!);
  });
  const query = route.query ? queryFor(route, ids) : fc.constant('');
  let body: fc.Arbitrary<string | undefined> = fc.constant(
    route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
  );
  let contentType: fc.Arbitrary<string> = fc.constant('application/json');
  if (route.body) body = valueFor(jsonSchemaOf(route.body), ids).map((v) => JSON.stringify(v) ?? 'null');
  if (route.upload) {
    body = hostileString;
    contentType = fc.constantFrom(...route.upload.contentTypes, 'application/json', 'text/html');
  }
  return fc.record({ path, query, body, contentType });
}

async function send(route: RouteDef, req: Req) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${route.access.kind === 'customer' ? customerToken : staffToken}`,
  };
  if (req.body !== undefined) headers['content-type'] = req.contentType;
  if (route.idempotency) headers['idempotency-key'] = `fuzz-${Math.random().toString(36).slice(2)}`;
  const res = await fetch(`${s.url}${req.path}${req.query ? `?${req.query}` : ''}`, {
    method: route.method,
    headers,
    body: req.body,
  });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, type: 'text/event-stream', text: '' };
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

// Routes that end the caller's own session are fuzzed with a session of their own.
const SESSION_ENDING = new Set(['logout', 'changePassword', 'revokeUserSessions']);

describe.each(allRoutes)('%s', (key, route) => {
  it('answers hostile input with a 4xx problem and changes nothing', async () => {
    if (SESSION_ENDING.has(key)) staffToken = (await s.loginToken(adminName, PASSWORD)).token;
    const runs = Math.max(3, Math.round((route.body || route.query ? 12 : 4) * RUNS));
    await fc.assert(
      fc.asyncProperty(requestFor(route), async (req) => {
        const r = await send(route, req);
        tally.requests++;
        const detail = `${route.method} ${req.path}?${req.query.slice(0, 300)} → ${r.status} ${r.text.slice(0, 500)}`;
        expect(r.status, detail).toBeLessThan(500);
        const after = await snapshot();
        if (r.status >= 400) {
          tally.refused++;
          expect(r.type, detail).toMatch(/^application\/problem\+json/);
          expect(typeof JSON.parse(r.text).code, detail).toBe('string');
          expect(changedTables(base, after), detail).toEqual([]);
        } else tally.ok++;
        base = after;
      }),
      { numRuns: runs, endOnFailure: true },
    );
    if (SESSION_ENDING.has(key)) staffToken = (await s.loginToken(adminName, PASSWORD)).token;
  }, 120_000);
});

describe('mass assignment', () => {
  it('a client cannot set state, totals, store, business or author of an order', async () => {
    const admin = await s.loginToken(adminName, PASSWORD);
    const [store] = await queryRows<{ id: string; business_id: string }>(
      s.database.db,
      sql`SELECT s.id::text, s.business_id::text FROM stores s JOIN users u ON u.business_id = s.business_id
        WHERE u.username = ${adminName} LIMIT 1`,
    );
    const [sku] = await queryRows<{ id: string; price: number }>(
      s.database.db,
      sql`SELECT k.id::text, k.price FROM skus k JOIN products p ON p.id = k.product_id
        WHERE p.business_id = ${store!.business_id}::uuid AND k.code = 'N-2'`,
    );
    const res = await fetch(`${s.url}${routes.createOrder.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...MASS_ASSIGN,
        storeId: store!.id,
        fulfilment: 'pickup',
        lines: [{ skuId: sku!.id, quantity: 1, unitPrice: 1, total: 1, lineTotal: 1 }],
      }),
    });
    const body = (await res.json()) as Record<string, unknown> & { totals: { total: number } };
    if (res.status >= 400) {
      expect(res.status).toBeLessThan(500);
      return;
    }
    expect(res.status).toBe(201);
    expect(body.id).not.toBe(MASS_ASSIGN.id);
    expect(body.state).not.toBe('completed');
    expect(body.version).not.toBe(999);
    expect(body.totals.total).toBeGreaterThanOrEqual(sku!.price);
    const [row] = await queryRows<{ business_id: string; created_by: string | null }>(
      s.database.db,
      sql`SELECT business_id::text, created_by::text FROM orders WHERE id = ${String(body.id)}::uuid`,
    );
    expect(row!.business_id).toBe(store!.business_id);
    expect(row!.created_by).not.toBe(MASS_ASSIGN.createdBy);
  });
});

import { type ApiClient, ApiError, type RouteDef, routes } from '@orderloop/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from '../test/factories.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';
import { allRoutes } from '../test/route-helpers.ts';
import { openSse } from '../test/sse-client.ts';
import { changedTables, fingerprint, VOLATILE_TABLES } from './fingerprint.ts';

// Changing an id never reaches someone else's data. The sweeps below run over the route table, so a
// new route with an `:id` (complaints, reports…) is covered the day it is added.
let s: TestServer;
let biz: TestBusiness;
type Login = ApiClient & { token: string };
let admin: Login;
let coordA: Login;
let cust1: Login;
let cust2: Login;
const ids = {} as Record<
  'orderB' | 'fileB' | 'custOrder1' | 'custFile1' | 'custComplaint1' | 'orderA' | 'complaintB',
  string
>;

let skuId = '';
const skuIdOf = () => skuId;
const snapshot = () => fingerprint(s.database.db, { skip: VOLATILE_TABLES });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db);
  const login = async (grants: Parameters<typeof makeUser>[2]) =>
    s.loginToken((await makeUser(db, biz, grants)).username, PASSWORD);
  admin = await login([{ role: 'admin', scope: 'all' }]);
  coordA = await login([{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]);
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Bracket', skus: [{ code: 'BR-1', price: 1200 }] },
  });
  skuId = p.skus[0]!.id;
  const order = (storeId: string) => ({
    storeId,
    fulfilment: 'pickup' as const,
    lines: [{ skuId: p.skus[0]!.id, quantity: 1 }],
  });
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
    .png()
    .toBuffer();
  ids.orderA = (await admin.call(routes.createOrder, { body: order(biz.storeA) })).id;
  ids.orderB = (await admin.call(routes.createOrder, { body: order(biz.storeB) })).id;
  ids.fileB = (
    await admin.call(routes.uploadOrderAttachment, {
      params: { id: ids.orderB },
      file: { data: png, filename: 'b.png' },
    })
  ).id;
  cust1 = await s.loginCustomer(biz.slug, '13700000001');
  cust2 = await s.loginCustomer(biz.slug, '13700000002');
  ids.custOrder1 = (
    await cust1.call(routes.customerCreateOrder, { body: order(biz.storeA), idempotencyKey: 'authz-order-1' })
  ).id;
  ids.custFile1 = (
    await cust1.call(routes.customerUploadOrderAttachment, {
      params: { id: ids.custOrder1 },
      file: { data: png, filename: 'mine.png' },
    })
  ).id;
  ids.custComplaint1 = (
    await cust1.call(routes.customerFileComplaint, {
      params: { id: ids.custOrder1 },
      body: { kind: 'complaint', description: 'mine' },
    })
  ).id;
  ids.complaintB = (
    await admin.call(routes.fileComplaint, {
      params: { id: ids.orderB },
      body: { kind: 'return', description: 'store B' },
    })
  ).id;
}, 60_000);
afterAll(() => s.close());

/**
 * A body the route would accept from its rightful caller, so the refusal comes from the access
 * check and not from validation; routes not listed get the generic smallest input.
 */
const plausibleBody: Record<string, unknown> = {
  customerFileComplaint: { kind: 'complaint', description: 'mine now' },
  customerTransitionComplaint: { action: 'close', expectedVersion: 1 },
  customerCommentComplaint: { body: 'mine now' },
  fileComplaint: { kind: 'complaint', description: 'mine now' },
  transitionComplaint: { action: 'start', expectedVersion: 1 },
  assignComplaint: { assigneeId: null, expectedVersion: 1 },
  respondComplaint: { body: 'mine now', visibility: 'internal' },
  decideRefund: { amount: 1, expectedVersion: 1 },
  recordPayment: { kind: 'payment', method: 'cash', amount: 1 },
  voidPayment: { reason: 'mine now' },
};

/** Calls a route with `id` in every path parameter and the smallest plausible input. */
async function attempt(client: ApiClient, key: string, route: RouteDef, id: string): Promise<number> {
  const input: Record<string, unknown> = { params: { id } };
  if (route.upload) input.file = { data: Buffer.from('%PDF-1.4\n%%EOF\n'), filename: 'x.pdf' };
  else if (route.body)
    input.body = plausibleBody[key] ?? (/\/transitions?$/.test(route.path) ? { action: 'cancel' } : {});
  try {
    await client.call(route, input as never);
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

const withId = (kind: 'customer' | 'staff') =>
  allRoutes.filter(([, r]) => r.access.kind === kind && r.path.includes(':id'));

describe('a customer changing an id', () => {
  it.each(withId('customer'))(
    '%s never reaches another customer’s order, file or complaint',
    async (key, route) => {
      const before = await snapshot();
      for (const id of [ids.custOrder1, ids.custFile1, ids.custComplaint1]) {
        const status = await attempt(cust2, key, route, id);
        expect([403, 404], `${route.method} ${route.path} with ${id}`).toContain(status);
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    },
  );

  it('sees only their own orders in their list', async () => {
    const list = await cust2.call(routes.customerListOrders, { query: {} });
    expect(list.items.map((o) => o.id)).not.toContain(ids.custOrder1);
  });
});

describe('a store-scoped user reaching for another store', () => {
  it.each(withId('staff'))('%s with a store-B order, file or complaint id is refused', async (key, route) => {
    const before = await snapshot();
    for (const id of [ids.orderB, ids.fileB, ids.complaintB]) {
      const status = await attempt(coordA, key, route, id);
      expect(status, `${route.method} ${route.path} with ${id}`).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(changedTables(before, await snapshot())).toEqual([]);
  });

  it('a batch naming a store-B order leaves it untouched', async () => {
    const before = await snapshot();
    const res = await fetch(`${s.url}${routes.batchOrders.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordA.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [ids.orderB], operation: { type: 'tags', add: ['mine-now'] } }),
    });
    expect(res.status).toBeLessThan(500);
    const b = await admin.call(routes.getOrder, { params: { id: ids.orderB } });
    expect(b.tags).not.toContain('mine-now');
    expect(changedTables(before, await snapshot()).map((c) => c.table)).not.toContain('orders');
    // nor through a filter aimed at store B
    const byFilter = await fetch(`${s.url}${routes.batchOrders.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordA.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        filter: { storeId: biz.storeB },
        operation: { type: 'tags', add: ['mine-now'] },
      }),
    });
    expect(byFilter.status).toBeLessThan(500);
    expect((await admin.call(routes.getOrder, { params: { id: ids.orderB } })).tags).not.toContain(
      'mine-now',
    );
  });

  it('an export or the order list never contains store B', async () => {
    const b = await admin.call(routes.getOrder, { params: { id: ids.orderB } });
    for (const q of ['', `?storeId=${biz.storeB}`]) {
      const res = await fetch(`${s.url}${routes.exportOrders.path}${q}`, {
        headers: { authorization: `Bearer ${coordA.token}` },
      });
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toContain(b.number);
      const list = await fetch(`${s.url}${routes.listOrders.path}${q}`, {
        headers: { authorization: `Bearer ${coordA.token}` },
      });
      expect(list.status).toBeLessThan(500);
      expect(await list.text()).not.toContain(ids.orderB);
    }
  });

  it('the event stream carries store A’s changes and never store B’s', async () => {
    const stream = await openSse(`${s.url}${routes.eventStream.path}`, coordA.token);
    try {
      const order = (storeId: string) =>
        admin.call(routes.createOrder, {
          body: { storeId, fulfilment: 'pickup', lines: [{ skuId: skuIdOf(), quantity: 1 }] },
        });
      const inB = await order(biz.storeB);
      const inA = await order(biz.storeA);
      await stream.waitFor((e) => e.data.orderId === inA.id, 'the store-A change');
      expect(stream.events.filter((e) => e.data.orderId === inB.id)).toEqual([]);
      expect(stream.events.every((e) => e.data.storeId === undefined || e.data.storeId === biz.storeA)).toBe(
        true,
      );
    } finally {
      stream.close();
    }
  });
});

describe('sessions', () => {
  it('a token is dead after logout', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const c = await s.loginToken(u.username, PASSWORD);
    await c.call(routes.me, {});
    await c.call(routes.logout, {});
    await expect(c.call(routes.me, {})).rejects.toMatchObject({ status: 401 });
  });

  it('other sessions are dead after a password change, and the old password no longer signs in', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const here = await s.loginToken(u.username, PASSWORD);
    const elsewhere = await s.loginToken(u.username, PASSWORD);
    await here.call(routes.changePassword, {
      body: { currentPassword: PASSWORD, newPassword: 'another-long-passphrase-42' },
    });
    await expect(elsewhere.call(routes.me, {})).rejects.toMatchObject({ status: 401 });
    await expect(s.loginToken(u.username, PASSWORD)).rejects.toMatchObject({ status: 401 });
    await s.loginToken(u.username, 'another-long-passphrase-42');
  });
});

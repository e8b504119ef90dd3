import { createClient, type Order, routes } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { orders } from '../src/db/order-schema.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeCustomer, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
type Client = Awaited<ReturnType<TestServer['loginToken']>>;
let admin: Client;
let clerk: Client; // coordinator of store A: may create, may not override prices
let rep: Client;
let repId = '';
let skuId = '';
let scarceSku = '';
let customerToken = '';

const line = (sku: string, quantity = 1) => ({ skuId: sku, quantity });

async function customerClient(phone: string) {
  const { devCode } = await s.anon.call(routes.customerRequestCode, { body: { business: biz.slug, phone } });
  const { token } = await s.anon.call(routes.customerLogin, {
    body: { business: biz.slug, phone, code: devCode! },
  });
  return createClient({ baseUrl: s.url, token: () => token });
}

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db, 'restaurant');
  admin = await s.loginToken((await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username, PASSWORD);
  clerk = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }])).username,
    PASSWORD,
  );
  const r = await makeUser(db, biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  repId = r.id;
  rep = await s.loginToken(r.username, PASSWORD);
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Noodles', skus: [{ code: 'NOODLE', price: 2500 }] },
  });
  skuId = p.skus[0]!.id;
  const scarce = await admin.call(routes.createProduct, {
    body: { name: 'Limited pork', skus: [{ code: 'PORK-LTD', price: 3800 }] },
  });
  scarceSku = scarce.skus[0]!.id;
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId: scarceSku, mode: 'track', quantity: 50, reason: 'tracking' },
  });
  const { devCode } = await s.anon.call(routes.customerRequestCode, {
    body: { business: biz.slug, phone: '13900001111' },
  });
  customerToken = (
    await s.anon.call(routes.customerLogin, {
      body: { business: biz.slug, phone: '13900001111', code: devCode! },
    })
  ).token;
}, 60_000);
afterAll(() => s.close());

describe('creating orders', () => {
  it('prices on the server, numbers per store and local day, and reserves nothing for untracked items', async () => {
    const o = await clerk.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'dine_in',
        fulfilmentDetails: { tableNumber: '12' },
        lines: [line(skuId, 2)],
        notes: 'no onions',
      },
    });
    expect(o).toMatchObject({
      state: 'submitted',
      total: 5000,
      channel: 'console',
      stockReserved: true,
      fulfilmentDetails: { tableNumber: '12' },
      notes: 'no onions',
    });
    expect(o.number).toMatch(/^A-\d{8}-\d{4}$/);
    expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(o.lines[0]).toMatchObject({
      lineNo: 1,
      skuCode: 'NOODLE',
      quantity: 2,
      unitPrice: 2500,
      total: 5000,
    });
    const { workflow, editable, ...read } = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect(read).toEqual(o);
    expect(editable).toMatchObject({ fields: true });
    expect(workflow).toMatchObject({ key: 'restaurant', version: 1, state: 'submitted', category: 'open' });
  });

  it('ignores a tampered client price and reports a total that differs', async () => {
    const body = {
      storeId: biz.storeA,
      fulfilment: 'dine_in',
      lines: [{ skuId, quantity: 1, unitPrice: 1, total: 1 }],
      total: 1,
      clientTotal: 1,
      state: 'completed',
      storeIdx: 'x',
    };
    const o = await clerk.call(routes.createOrder, { body: body as never });
    expect([o.total, o.lines[0]!.unitPrice, o.clientTotalMismatch, o.state]).toEqual([
      2500,
      2500,
      true,
      'submitted',
    ]);
  });

  it('a manual price needs orders.override_price and is recorded', async () => {
    const p = await problemOf(
      clerk.call(routes.createOrder, {
        body: {
          storeId: biz.storeA,
          fulfilment: 'pickup',
          lines: [{ skuId, quantity: 1, overridePrice: 1 }],
        },
      }),
    );
    expect([p.status, p.fields?.[0]?.field]).toEqual([403, 'body.lines.0.overridePrice']);
    const o = await admin.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'pickup',
        lines: [{ skuId, quantity: 1, overridePrice: 2000 }],
      },
    });
    expect([o.priceOverridden, o.lines[0]!.priceSource, o.total]).toEqual([true, 'override', 2000]);
    const audit = await admin.call(routes.listAudit, { query: { entityId: o.id } });
    expect(audit.items[0]!.changes.priceOverridden).toEqual({ before: null, after: true });
  });

  it('a draft reserves no stock', async () => {
    const o = await clerk.call(routes.createOrder, {
      body: { storeId: biz.storeA, fulfilment: 'pickup', submit: false, lines: [line(scarceSku, 5)] },
    });
    expect([o.state, o.stockReserved, o.submittedAt]).toEqual(['draft', false, null]);
    const stock = await clerk.call(routes.listStock, { query: { storeId: biz.storeA, q: 'PORK' } });
    expect(stock.items[0]!.reserved).toBe(0);
  });

  it("a sales rep's order is theirs, and only for accounts they can see", async () => {
    const mine = await makeCustomer(s.database.db, biz, { storeId: biz.storeA, salesRepId: repId });
    const theirs = await makeCustomer(s.database.db, biz, { storeId: biz.storeA });
    const o = await rep.call(routes.createOrder, {
      body: { storeId: biz.storeA, customerId: mine, fulfilment: 'shipment', lines: [line(skuId)] },
    });
    expect([o.salesRepId, o.createdBy, o.customerId]).toEqual([repId, repId, mine]);
    expect(
      await statusOf(
        rep.call(routes.createOrder, {
          body: { storeId: biz.storeA, customerId: theirs, fulfilment: 'shipment', lines: [line(skuId)] },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        rep.call(routes.createOrder, {
          body: { storeId: biz.storeB, fulfilment: 'shipment', lines: [line(skuId)] },
        }),
      ),
    ).toBe(403);
  });

  it('nothing is half-written when a line fails', async () => {
    const [before] = await queryRows<{ n: number }>(
      s.database.db,
      sql`SELECT count(*)::int AS n FROM orders`,
    );
    const p = await problemOf(
      clerk.call(routes.createOrder, {
        body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [line(skuId), line(scarceSku, 51)] },
      }),
    );
    expect([p.status, p.code, p.fields?.[0]?.field]).toEqual([409, 'OUT_OF_STOCK', 'body.lines.1.quantity']);
    expect(p.detail).toContain('PORK-LTD');
    const [after] = await queryRows<{ n: number }>(s.database.db, sql`SELECT count(*)::int AS n FROM orders`);
    expect(after!.n).toBe(before!.n);
  });
});

describe('stock under concurrency', () => {
  it('200 concurrent submissions for a SKU with stock 50: exactly 50 reserved, 150 clear out-of-stock errors naming the SKU', async () => {
    const submit = () =>
      fetch(`${s.url}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ storeId: biz.storeA, fulfilment: 'pickup', lines: [line(scarceSku, 1)] }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code?: string; detail?: string },
      }));
    const results = await Promise.all(Array.from({ length: 200 }, submit));
    const ok = results.filter((r) => r.status === 201);
    const out = results.filter((r) => r.status === 409 && r.body.code === 'OUT_OF_STOCK');
    expect([ok.length, out.length]).toEqual([50, 150]);
    expect(out.every((r) => r.body.detail?.includes('PORK-LTD'))).toBe(true);
    const stock = await clerk.call(routes.listStock, { query: { storeId: biz.storeA, q: 'PORK' } });
    expect(stock.items[0]).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    // the ledger agrees with the level
    const ledger = await clerk.call(routes.listStockMovements, {
      query: { storeId: biz.storeA, skuId: scarceSku, limit: 200 },
    });
    expect(ledger.items.filter((m) => m.reason === 'reserve').reduce((a, m) => a + m.deltaReserved, 0)).toBe(
      50,
    );
  });

  it('order numbers stay unique under concurrency', async () => {
    const made = await Promise.all(
      Array.from({ length: 30 }, () =>
        clerk.call(routes.createOrder, {
          body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [line(skuId)] },
        }),
      ),
    );
    expect(new Set(made.map((o) => o.number)).size).toBe(30);
    const numbers = (
      await s.database.db.select({ n: orders.number }).from(orders).where(eq(orders.storeId, biz.storeA))
    ).map((r) => r.n);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('idempotency', () => {
  const body = () => ({ storeId: biz.storeA, fulfilment: 'pickup' as const, lines: [line(skuId, 3)] });

  it('the mini-program must send a key', async () => {
    const c = createClient({ baseUrl: s.url, token: () => customerToken });
    const p = await problemOf(c.call(routes.customerCreateOrder, { body: body() }));
    expect([p.status, p.code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
  });

  it('the same key sent 20 times concurrently makes one order', async () => {
    const key = `tap-${Date.now()}-double`;
    const send = () =>
      fetch(`${s.url}/api/customer/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${customerToken}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body()),
      }).then(async (r) => ({
        status: r.status,
        replayed: r.headers.get('idempotent-replayed'),
        body: (await r.json()) as Order & { code?: string },
      }));
    const results = await Promise.all(Array.from({ length: 20 }, send));
    const created = results.filter((r) => r.status === 201);
    // each answer is the order itself (first or replayed) or "still running, retry"
    expect(
      results.every(
        (r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY_IN_PROGRESS'),
      ),
    ).toBe(true);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(created.filter((r) => !r.replayed)).toHaveLength(1);
    const again = await send();
    expect([again.status, again.replayed, again.body.id]).toEqual([201, 'true', created[0]!.body.id]);
    const [count] = await queryRows<{ n: number }>(
      s.database.db,
      sql`SELECT count(*)::int AS n FROM orders WHERE channel = 'miniapp' AND total = 7500`,
    );
    expect(count!.n).toBe(1);
  });

  it('the same key with a different request is refused', async () => {
    const c = createClient({ baseUrl: s.url, token: () => customerToken });
    const key = `reuse-${Date.now()}`;
    await c.call(routes.customerCreateOrder, { body: body(), idempotencyKey: key });
    const p = await problemOf(
      c.call(routes.customerCreateOrder, {
        body: { ...body(), lines: [line(skuId, 4)] },
        idempotencyKey: key,
      }),
    );
    expect([p.status, p.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('a failed attempt frees the key for a corrected retry', async () => {
    const c = createClient({ baseUrl: s.url, token: () => customerToken });
    const key = `retry-${Date.now()}`;
    const bad = { storeId: biz.storeA, fulfilment: 'pickup' as const, lines: [line(scarceSku, 1)] };
    expect(
      (await problemOf(c.call(routes.customerCreateOrder, { body: bad, idempotencyKey: key }))).code,
    ).toBe('OUT_OF_STOCK');
    await admin.call(routes.adjustStock, {
      body: { storeId: biz.storeA, skuId: scarceSku, mode: 'delta', quantity: 1, reason: 'receipt' },
    });
    const o = await c.call(routes.customerCreateOrder, { body: bad, idempotencyKey: key });
    expect(o.channel).toBe('miniapp');
  });

  it("keys are per caller: another customer's key does not collide", async () => {
    const other = await customerClient('13900002222');
    const key = `shared-${Date.now()}`;
    const a = await createClient({ baseUrl: s.url, token: () => customerToken }).call(
      routes.customerCreateOrder,
      { body: body(), idempotencyKey: key },
    );
    const b = await other.call(routes.customerCreateOrder, { body: body(), idempotencyKey: key });
    expect(a.id).not.toBe(b.id);
    // and neither can read the other's order
    expect(await statusOf(other.call(routes.customerGetOrder, { params: { id: a.id } }))).toBe(404);
  });
});

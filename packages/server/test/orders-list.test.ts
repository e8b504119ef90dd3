import { type OrderSummary, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBusiness, makeCustomer, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
type Client = Awaited<ReturnType<TestServer['loginToken']>>;
let admin: Client;
let clerkB: Client;
let rep: Client;
let repId = '';
let sku1 = '';
let sku2 = '';
let product2 = '';
let customerId = '';

/** Walks every page of a query and returns all items. */
async function all(c: Client, query: Record<string, unknown>, limit = 3) {
  const items: OrderSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await c.call(routes.listOrders, { query: { ...query, limit, cursor } as never });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db, 'b2b');
  admin = await s.loginToken((await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username, PASSWORD);
  clerkB = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeB }])).username,
    PASSWORD,
  );
  const r = await makeUser(db, biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  repId = r.id;
  rep = await s.loginToken(r.username, PASSWORD);
  sku1 = (
    await admin.call(routes.createProduct, { body: { name: 'Desk', skus: [{ code: 'DESK', price: 10000 }] } })
  ).skus[0]!.id;
  const p2 = await admin.call(routes.createProduct, {
    body: { name: 'Chair', skus: [{ code: 'CHAIR', price: 3000 }] },
  });
  product2 = p2.id;
  sku2 = p2.skus[0]!.id;
  customerId = await makeCustomer(db, biz, { storeId: biz.storeA, salesRepId: repId, name: '上海云途科技' });
  const make = (c: Client, body: Record<string, unknown>) =>
    c.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'shipment',
        lines: [{ skuId: sku1, quantity: 1 }],
        ...body,
      } as never,
    });
  await make(admin, { notes: '加急：周五前送达', tags: ['vip'] });
  await make(admin, {
    lines: [{ skuId: sku2, quantity: 2 }],
    contact: { name: '王小明', phone: '13912345678' },
  });
  await make(admin, { storeId: biz.storeB, lines: [{ skuId: sku1, quantity: 3 }], submit: false });
  await make(rep, {
    customerId,
    lines: [
      { skuId: sku1, quantity: 1 },
      { skuId: sku2, quantity: 1 },
    ],
  });
  for (let i = 0; i < 6; i++)
    await make(admin, { lines: [{ skuId: sku2, quantity: i + 1 }], fulfilment: 'pickup' });
}, 60_000);
afterAll(() => s.close());

describe('order list', () => {
  it('pages newest first through every order, with no repeats or gaps', async () => {
    const items = await all(admin, {});
    expect(items).toHaveLength(10);
    expect(new Set(items.map((o) => o.id)).size).toBe(10);
    const times = items.map((o) => o.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it.each(['total', '-total', 'number', '-number', 'createdAt'] as const)(
    'sorts by %s across pages',
    async (sort) => {
      const items = await all(admin, { sort }, 4);
      const key = sort.replace('-', '') as 'total' | 'number' | 'createdAt';
      const values = items.map((o) => o[key]);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
      expect(items).toHaveLength(10);
    },
  );

  it('filters by store, state, fulfilment, tag, amount, product, customer and sales rep', async () => {
    const count = async (query: Record<string, unknown>) => (await all(admin, query, 50)).length;
    expect(await count({ storeId: biz.storeB })).toBe(1);
    expect(await count({ state: 'draft' })).toBe(1);
    expect(await count({ state: 'draft,submitted' })).toBe(10);
    expect(await count({ fulfilment: 'pickup' })).toBe(6);
    expect(await count({ tag: 'vip' })).toBe(1);
    expect(await count({ totalMin: 12000, totalMax: 18000 })).toBe(4); // inclusive: 13000 (rep's), chairs 12000, 15000, 18000
    expect(await count({ productId: product2 })).toBe(8);
    expect(await count({ skuId: sku1, fulfilment: 'shipment' })).toBe(3);
    expect(await count({ customerId })).toBe(1);
    expect(await count({ salesRepId: repId })).toBe(1);
  });

  it('searches number, contact name, phone and notes, in Chinese too', async () => {
    const one = async (q: string) => (await admin.call(routes.listOrders, { query: { q } })).items;
    expect((await one('周五前')).map((o) => o.tags)).toEqual([['vip']]);
    expect((await one('王小明'))[0]?.contact.name).toBe('王小明');
    expect(await one('12345678')).toHaveLength(1);
    const someNumber = (await admin.call(routes.listOrders, { query: { limit: 1 } })).items[0]!.number;
    expect((await one(someNumber.toLowerCase())).map((o) => o.number)).toEqual([someNumber]);
    expect(await one('100%_')).toHaveLength(0);
  });

  it('summaries carry line counts and the customer name', async () => {
    const [o] = (await admin.call(routes.listOrders, { query: { customerId } })).items;
    expect([o!.lineCount, o!.customerName, o!.total]).toEqual([2, '上海云途科技', 13000]);
  });

  it('is filtered by scope in the query: a store sees its orders, a sales rep their own', async () => {
    expect((await all(clerkB, {})).map((o) => o.storeId)).toEqual([biz.storeB]);
    expect((await all(rep, {})).map((o) => o.salesRepId)).toEqual([repId]);
    // asking for another store's orders is not a way around the scope
    expect(await all(clerkB, { storeId: biz.storeA })).toEqual([]);
  });

  it('refuses a cursor from another sort instead of returning a wrong page', async () => {
    const first = await admin.call(routes.listOrders, { query: { sort: 'total', limit: 2 } });
    const next = await admin.call(routes.listOrders, {
      query: { sort: '-createdAt', limit: 2, cursor: first.nextCursor! },
    });
    expect(next.items).toHaveLength(2); // a foreign cursor restarts at the top rather than skipping rows
  });
});

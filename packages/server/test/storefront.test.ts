import { createClient, type Menu, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businesses, stores } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { startTestServer, type TestServer } from './harness.ts';

// The customer-facing reads of the mini-program, against the demo data at lunchtime in Shanghai.
let s: TestServer;
type Client = Awaited<ReturnType<TestServer['loginToken']>>;
let restAdmin: Client;
let restStaffB: Client;
let factAdmin: Client;
const ids: Record<string, string> = {};

async function customer(business: string, phone: string) {
  const { devCode } = await s.anon.call(routes.customerRequestCode, { body: { business, phone } });
  const r = await s.anon.call(routes.customerLogin, { body: { business, phone, code: devCode! } });
  return Object.assign(createClient({ baseUrl: s.url, token: () => r.token }), {
    customerId: r.me.customer.id,
  });
}

const product = (menu: Menu, name: string) => menu.products.find((p) => p.name === name)!;

beforeAll(async () => {
  s = await startTestServer({ demo: true, env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  const storeByCode = async (slug: string, code: string) => {
    const [b] = await db.select().from(businesses).where(eq(businesses.slug, slug));
    const [st] = await db
      .select()
      .from(stores)
      .where(and(eq(stores.businessId, b!.id), eq(stores.code, code)));
    return st!.id;
  };
  ids.storeA = await storeByCode('demo-restaurant', 'A');
  ids.storeB = await storeByCode('demo-restaurant', 'B');
  ids.factory = await storeByCode('demo-factory', 'S');
  // the next 12:00 in Shanghai (04:00 UTC): open (09:00–21:00), outside the breakfast window
  const now = s.clock.now().getTime();
  const noon = new Date(now);
  noon.setUTCHours(4, 0, 0, 0);
  if (noon.getTime() <= now) noon.setUTCDate(noon.getUTCDate() + 1);
  s.clock.advance(noon.getTime() - now);
  restAdmin = await s.loginToken('rest-admin', DEMO_PASSWORD);
  restStaffB = await s.loginToken('rest-staff-b', DEMO_PASSWORD);
  factAdmin = await s.loginToken('fact-admin', DEMO_PASSWORD);
});
afterAll(() => s.close());

describe('store page', () => {
  it('shows name, hours, open now, ordering modes and the announcement, without signing in', async () => {
    const page = await s.anon.call(routes.storefrontStore, { params: { id: ids.storeA! } });
    expect(page).toMatchObject({
      name: '人民广场店',
      openNow: true,
      todayHours: [{ open: '09:00', close: '21:00' }],
      fulfilments: ['dine_in', 'pickup', 'delivery'],
      business: { slug: 'demo-restaurant', kind: 'restaurant' },
    });
    expect(page.announcement).toMatch(/午市/);
    expect(page.openingHours).toHaveLength(7);
    expect(page).not.toHaveProperty('businessId');
  });

  it('lists the open stores of a business; a B2B business defaults to shipment', async () => {
    const list = await s.anon.call(routes.storefrontStores, { query: { business: 'demo-restaurant' } });
    expect(list.map((x) => x.code)).toEqual(['A', 'B']);
    const factory = await s.anon.call(routes.storefrontStores, { query: { business: 'demo-factory' } });
    expect(factory.map((x) => x.fulfilments)).toEqual([['shipment'], ['shipment']]);
    expect(
      (await problemOf(s.anon.call(routes.storefrontStores, { query: { business: 'no-such-biz' } }))).code,
    ).toBe('NOT_FOUND');
  });

  it('is closed outside its hours, and an inactive store has no page', async () => {
    await restAdmin.call(routes.updateStore, {
      params: { id: ids.storeB! },
      body: { openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '17:00', close: '02:00' })) },
    });
    const b = await s.anon.call(routes.storefrontStore, { params: { id: ids.storeB! } });
    expect([b.openNow, b.todayHours]).toEqual([false, [{ open: '17:00', close: '02:00' }]]);
    await restAdmin.call(routes.updateStore, { params: { id: ids.storeB! }, body: { active: false } });
    expect(await statusOf(s.anon.call(routes.storefrontStore, { params: { id: ids.storeB! } }))).toBe(404);
    expect(await statusOf(s.anon.call(routes.storefrontMenu, { params: { id: ids.storeB! } }))).toBe(404);
    await restAdmin.call(routes.updateStore, {
      params: { id: ids.storeB! },
      body: { active: true, openingHours: [] },
    });
    // no hours set: taken as open
    expect((await s.anon.call(routes.storefrontStore, { params: { id: ids.storeB! } })).openNow).toBe(true);
  });

  it('staff set the announcement and modes within their stores, audited', async () => {
    const set = await restAdmin.call(routes.updateStorefront, {
      params: { id: ids.storeB! },
      body: { announcement: '今日休息 Closed today' },
    });
    expect(set).toEqual({
      announcement: '今日休息 Closed today',
      fulfilments: ['dine_in', 'pickup'],
      tables: null,
    });
    await restAdmin.call(routes.updateStorefront, {
      params: { id: ids.storeB! },
      body: { fulfilments: ['pickup'] },
    });
    const page = await s.anon.call(routes.storefrontStore, { params: { id: ids.storeB! } });
    expect([page.announcement, page.fulfilments]).toEqual(['今日休息 Closed today', ['pickup']]);
    const audit = await restAdmin.call(routes.listAudit, { query: { action: 'storefront.updated' } });
    expect(audit.items[0]?.changes.fulfilments).toEqual({ before: ['dine_in', 'pickup'], after: ['pickup'] });
    // store B's coordinator lacks stores.manage; another business's admin cannot find the store
    expect(
      await statusOf(
        restStaffB.call(routes.updateStorefront, {
          params: { id: ids.storeB! },
          body: { announcement: 'x' },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        factAdmin.call(routes.updateStorefront, { params: { id: ids.storeB! }, body: { announcement: 'x' } }),
      ),
    ).toBe(404);
    const bad = await problemOf(
      restAdmin.call(routes.updateStorefront, {
        params: { id: ids.storeB! },
        body: { fulfilments: ['teleport'] as never },
      }),
    );
    expect(bad.fields?.[0]?.field).toMatch(/^body\.fulfilments/);
  });
});

describe('menu', () => {
  it('lists categories in order with products offered in the store, base prices for anyone', async () => {
    const menu = await s.anon.call(routes.storefrontMenu, { params: { id: ids.storeA! } });
    expect(menu.categories.map((c) => c.name)).toEqual(['招牌面', '小吃', '饮品', '早餐']);
    expect(menu).toMatchObject({ currency: 'CNY', taxMode: 'inclusive' });
    const beef = product(menu, '红烧牛肉面');
    expect(menu.categories[0]!.productIds[0]).toBe(beef.id);
    expect(beef.skus.map((k) => [k.label, k.price, k.priceSource])).toEqual([
      ['大碗', 3700, 'base'],
      ['标准', 3200, 'base'],
    ]);
    expect(beef.fromPrice).toBe(3200);
    expect(beef.optionGroups.map((g) => g.code)).toEqual(['size', 'spice', 'extra']);
    expect(beef.unavailable).toBeNull();
    // tracked stock shows what is left; breakfast is outside its hours at noon
    expect(product(menu, '招牌红烧肉面').skus[0]!.stockAvailable).toBe(30);
    expect(product(menu, '豆浆油条套餐').unavailable).toBe('outside_hours');
    expect(product(menu, '豆浆油条套餐').skus[0]!.unavailable).toBe('outside_hours');
  });

  it('flags sold-out and out-of-stock, and leaves out what the store does not offer', async () => {
    const before = await s.anon.call(routes.storefrontMenu, { params: { id: ids.storeA! } });
    const cucumber = product(before, '凉拌黄瓜');
    const buns = product(before, '生煎包（4只）');
    const egg = product(before, '卤蛋');
    await restAdmin.call(routes.setSoldOut, {
      params: { id: cucumber.id },
      body: { storeId: ids.storeA!, soldOut: true },
    });
    await restAdmin.call(routes.adjustStock, {
      body: { storeId: ids.storeA!, skuId: buns.skus[0]!.id, mode: 'set', quantity: 0, reason: 'count' },
    });
    await restAdmin.call(routes.updateProduct, {
      params: { id: egg.id },
      body: { availableStoreIds: [ids.storeB!] },
    });
    const menu = await s.anon.call(routes.storefrontMenu, { params: { id: ids.storeA! } });
    expect(product(menu, '凉拌黄瓜').unavailable).toBe('sold_out');
    expect(product(menu, '生煎包（4只）').unavailable).toBe('out_of_stock');
    expect(menu.products.some((p) => p.id === egg.id)).toBe(false);
    expect(menu.categories.flatMap((c) => c.productIds)).not.toContain(egg.id);
    const inB = await s.anon.call(routes.storefrontMenu, { params: { id: ids.storeB! } });
    expect(product(inB, '凉拌黄瓜').unavailable).toBeNull();
    expect(inB.products.some((p) => p.id === egg.id)).toBe(true);
  });

  it("prices a B2B account's menu from its price list, the same price a quote gives", async () => {
    const buyer = await customer('demo-factory', '13700000001');
    const lists = await factAdmin.call(routes.listPriceLists);
    const dealer = lists.find((l) => l.name.startsWith('经销商价'))!;
    await factAdmin.call(routes.updateCustomer, {
      params: { id: buyer.customerId },
      body: { priceListId: dealer.id },
    });
    const anon = await s.anon.call(routes.storefrontMenu, { params: { id: ids.factory! } });
    const mine = await buyer.call(routes.customerMenu, { params: { id: ids.factory! } });
    expect(mine.taxMode).toBe('exclusive');
    const sku = mine.products[0]!.skus[0]!;
    const base = anon.products[0]!.skus.find((k) => k.id === sku.id)!;
    expect(sku.priceSource).toBe('price_list');
    expect(sku.basePrice).toBe(base.price);
    expect(sku.price).toBeLessThan(base.price);
    const quote = await buyer.call(routes.customerQuote, {
      body: { storeId: ids.factory!, fulfilment: 'shipment', lines: [{ skuId: sku.id, quantity: 1 }] },
    });
    expect(quote.lines[0]!.unitPrice).toBe(sku.price);
  });

  it("a customer cannot read another business's store as their menu", async () => {
    const diner = await customer('demo-restaurant', '13700000002');
    expect(
      (await diner.call(routes.customerMenu, { params: { id: ids.storeA! } })).products.length,
    ).toBeGreaterThan(5);
    const p = await problemOf(diner.call(routes.customerMenu, { params: { id: ids.factory! } }));
    expect([p.status, p.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('my orders', () => {
  it('lists my orders newest first in keyset pages, and nobody else’s', async () => {
    const me = await customer('demo-restaurant', '13700000003');
    const other = await customer('demo-restaurant', '13700000004');
    const menu = await me.call(routes.customerMenu, { params: { id: ids.storeA! } });
    const beef = product(menu, '红烧牛肉面');
    const egg = product(menu, '葱油拌面');
    const made: string[] = [];
    for (const qty of [1, 2, 3]) {
      const o = await me.call(routes.customerCreateOrder, {
        idempotencyKey: `my-orders-${qty}`,
        body: {
          storeId: ids.storeA!,
          fulfilment: 'dine_in',
          fulfilmentDetails: { tableNumber: '12' },
          lines: [
            { skuId: beef.skus[0]!.id, quantity: qty, modifiers: { spice: 'mild' } },
            { skuId: egg.skus[0]!.id, quantity: 1 },
          ],
        },
      });
      made.push(o.id);
      s.clock.advance(1000);
    }
    await other.call(routes.customerCreateOrder, {
      idempotencyKey: 'other-order-1',
      body: { storeId: ids.storeA!, fulfilment: 'pickup', lines: [{ skuId: egg.skus[0]!.id, quantity: 1 }] },
    });
    const first = await me.call(routes.customerListOrders, { query: { limit: 2 } });
    expect(first.items.map((o) => o.id)).toEqual([made[2], made[1]]);
    expect(first.items[0]).toMatchObject({
      storeName: '人民广场店',
      lineCount: 2,
      itemsLabel: `${beef.name} ×3、${egg.name}`,
      fulfilment: 'dine_in',
      paymentStatus: 'unpaid',
    });
    expect(first.nextCursor).not.toBeNull();
    const second = await me.call(routes.customerListOrders, {
      query: { limit: 2, cursor: first.nextCursor! },
    });
    expect([second.items.map((o) => o.id), second.nextCursor]).toEqual([[made[0]], null]);
    const theirs = await other.call(routes.customerListOrders, { query: {} });
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items.some((o) => made.includes(o.id))).toBe(false);
  });
});

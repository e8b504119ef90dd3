import { createClient, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businesses, customers, stores } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { problemOf } from './expect-problem.ts';
import { startTestServer, type TestServer } from './harness.ts';

// The mini-program's own endpoints: channel logins, message consent, a rep's reminders, and the
// server's checks of the ordering mode and table.
let s: TestServer;
const ids: Record<string, string> = {};

const storeByCode = async (slug: string, code: string) => {
  const db = s.database.db;
  const [b] = await db.select().from(businesses).where(eq(businesses.slug, slug));
  const [st] = await db
    .select()
    .from(stores)
    .where(and(eq(stores.businessId, b!.id), eq(stores.code, code)));
  return st!.id;
};

beforeAll(async () => {
  s = await startTestServer({ demo: true, env: { LOGIN_IP_LIMIT: '1000' } });
  ids.storeA = await storeByCode('demo-restaurant', 'A');
  ids.factory = await storeByCode('demo-factory', 'S');
});
afterAll(() => s?.close());

describe('WeChat and Alipay login (dev fallback until the platforms are configured)', () => {
  it('signs the same platform user in as the same customer, another as another', async () => {
    const login = (code: string) =>
      s.anon.call(routes.customerWechatLogin, { body: { business: 'demo-restaurant', code } });
    const a1 = await login('dev-alice');
    const a2 = await login('dev-alice');
    const b = await login('dev-bob');
    expect(a1.me.customer.id).toBe(a2.me.customer.id);
    expect(b.me.customer.id).not.toBe(a1.me.customer.id);
    expect(a1.token).not.toBe(a2.token);
    const me = createClient({ baseUrl: s.url, token: () => a2.token });
    expect((await me.call(routes.customerMe)).customer.id).toBe(a1.me.customer.id);
    // the same code on Alipay is another platform's user
    const ali = await s.anon.call(routes.customerAlipayLogin, {
      body: { business: 'demo-restaurant', code: 'dev-alice' },
    });
    expect(ali.me.customer.id).not.toBe(a1.me.customer.id);
  });

  it('refuses bad codes, unknown businesses, and everything without DEV_LOGIN', async () => {
    const bad = await problemOf(
      s.anon.call(routes.customerWechatLogin, { body: { business: 'demo-restaurant', code: 'a b' } }),
    );
    expect([bad.status, bad.code, bad.fields?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'body.code']);
    const unknown = await problemOf(
      s.anon.call(routes.customerAlipayLogin, { body: { business: 'no-such-shop', code: 'dev-x' } }),
    );
    expect(unknown.status).toBe(404);
    const prod = await startTestServer({ env: { DEV_LOGIN: 'false' } });
    try {
      const off = await problemOf(
        prod.anon.call(routes.customerWechatLogin, { body: { business: 'demo-restaurant', code: 'dev-a' } }),
      );
      expect([off.status, off.code]).toEqual([404, 'FEATURE_DISABLED']);
    } finally {
      await prod.close();
    }
  });
});

describe('order message consent', () => {
  it('records answers per message, counts WeChat grants, and keeps customers apart', async () => {
    const me = await s.loginCustomer('demo-restaurant', '13700000101');
    const other = await s.loginCustomer('demo-restaurant', '13700000102');
    expect((await me.call(routes.customerGetConsent)).items).toEqual([]);
    const answers = { order_accepted: 'accept', order_ready: 'accept', order_rejected: 'reject' } as const;
    await me.call(routes.customerSetConsent, { body: { channel: 'wechat', answers } });
    const twice = await me.call(routes.customerSetConsent, {
      body: { channel: 'wechat', answers: { order_ready: 'accept' } },
    });
    const by = Object.fromEntries(twice.items.map((i) => [i.event, i]));
    expect(by.order_accepted).toMatchObject({ status: 'accept', grants: 1 });
    expect(by.order_ready).toMatchObject({ status: 'accept', grants: 2 });
    expect(by.order_rejected).toMatchObject({ status: 'reject', grants: 0 });
    const refused = await me.call(routes.customerSetConsent, {
      body: { channel: 'h5', answers: { order_ready: 'reject' } },
    });
    expect(refused.items.find((i) => i.event === 'order_ready')).toMatchObject({
      status: 'reject',
      grants: 0,
      channel: 'h5',
    });
    expect((await other.call(routes.customerGetConsent)).items).toEqual([]);
    const empty = await problemOf(
      me.call(routes.customerSetConsent, { body: { channel: 'h5', answers: {} } }),
    );
    expect([empty.status, empty.fields?.[0]?.field]).toEqual([400, 'body.answers']);
    const wrong = await problemOf(
      me.call(routes.customerSetConsent, {
        body: { channel: 'h5', answers: { order_shipped: 'accept' } as never },
      }),
    );
    expect(wrong.status).toBe(400);
    const staff = await s.loginToken('rest-admin', DEMO_PASSWORD);
    expect((await problemOf(staff.call(routes.customerGetConsent))).status).toBe(403);
  });
});

describe("a sales rep's reminders", () => {
  it('lists my overdue and cancelled orders, not other reps’ and not healthy ones', async () => {
    const rep = await s.loginToken('fact-sales1', DEMO_PASSWORD);
    const rep2 = await s.loginToken('fact-sales2', DEMO_PASSWORD);
    const admin = await s.loginToken('fact-admin', DEMO_PASSWORD);
    const [account] = await s.database.db
      .select()
      .from(customers)
      .where(eq(customers.name, '上海云途科技有限公司'));
    const products = await rep.call(routes.listProducts, { query: { limit: 5 } });
    const body = {
      storeId: ids.factory!,
      customerId: account!.id,
      fulfilment: 'shipment' as const,
      lines: [{ skuId: products.items[0]!.skus[0]!.id, quantity: 1 }],
    };
    const late = await rep.call(routes.createOrder, { body });
    const dropped = await rep.call(routes.createOrder, { body });
    const fresh = await rep.call(routes.createOrder, { body });
    await admin.call(routes.transitionOrder, {
      params: { id: dropped.id },
      body: { action: 'cancel', input: { reason: '客户撤单' } },
    });
    const before = (await rep.call(routes.orderReminders)).map((r) => r.id);
    expect(before).toContain(dropped.id);
    expect(before).not.toContain(late.id);
    s.clock.advance(5 * 3600_000);
    await admin.call(routes.transitionOrder, {
      params: { id: fresh.id },
      body: { action: 'cancel', input: { reason: 'dup' } },
    });
    const after = await rep.call(routes.orderReminders);
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get(late.id)).toMatchObject({ reason: 'overdue', state: 'submitted', category: 'open' });
    expect(byId.get(dropped.id)).toMatchObject({ reason: 'cancelled', customerName: '上海云途科技有限公司' });
    // overdue ones first
    expect(after[0]!.reason).toBe('overdue');
    expect((await rep2.call(routes.orderReminders)).map((r) => r.id)).not.toContain(late.id);
    const customer = await s.loginCustomer('demo-restaurant', '13700000103');
    expect((await problemOf(customer.call(routes.orderReminders))).status).toBe(403);
  });
});

describe('ordering mode and table, checked by the server', () => {
  it('needs a table for dine-in, one of the store’s when it lists them, and a mode it offers', async () => {
    const me = await s.loginCustomer('demo-restaurant', '13700000104');
    const manager = await s.loginToken('rest-admin', DEMO_PASSWORD);
    const menu = await me.call(routes.customerMenu, { params: { id: ids.storeA! } });
    const sku = menu.products.find((p) => p.name === '葱油拌面')!.skus[0]!.id;
    let n = 0;
    const order = (fulfilment: 'dine_in' | 'pickup', tableNumber?: string) =>
      me.call(routes.customerCreateOrder, {
        idempotencyKey: `mode-check-${++n}`,
        body: {
          storeId: ids.storeA!,
          fulfilment,
          fulfilmentDetails: tableNumber ? { tableNumber } : {},
          lines: [{ skuId: sku, quantity: 1 }],
        },
      });
    const noTable = await problemOf(order('dine_in'));
    expect([noTable.status, noTable.fields?.[0]?.code]).toEqual([400, 'table_required']);
    expect((await order('dine_in', '88')).fulfilmentDetails.tableNumber).toBe('88');

    await manager.call(routes.updateStorefront, {
      params: { id: ids.storeA! },
      body: { tables: ['1', '2', 'A3'] },
    });
    const unknown = await problemOf(order('dine_in', '88'));
    expect([unknown.fields?.[0]?.field, unknown.fields?.[0]?.code]).toEqual([
      'body.fulfilmentDetails.tableNumber',
      'unknown_table',
    ]);
    expect((await order('dine_in', 'A3')).state).toBe('submitted');
    const dup = await problemOf(
      manager.call(routes.updateStorefront, { params: { id: ids.storeA! }, body: { tables: ['1', '1'] } }),
    );
    expect(dup.status).toBe(400);

    await manager.call(routes.updateStorefront, {
      params: { id: ids.storeA! },
      body: { fulfilments: ['pickup'] },
    });
    const off = await problemOf(order('dine_in', '1'));
    expect([off.fields?.[0]?.field, off.fields?.[0]?.code]).toEqual(['body.fulfilment', 'mode_not_offered']);
    expect((await order('pickup')).fulfilment).toBe('pickup');
    await manager.call(routes.updateStorefront, {
      params: { id: ids.storeA! },
      body: { fulfilments: null, tables: null },
    });

    // a B2B business has no dine-in at all
    const buyer = await s.loginCustomer('demo-factory', '13700000105');
    const fm = await buyer.call(routes.customerMenu, { params: { id: ids.factory! } });
    const b2b = await problemOf(
      buyer.call(routes.customerCreateOrder, {
        idempotencyKey: 'mode-check-b2b',
        body: {
          storeId: ids.factory!,
          fulfilment: 'dine_in',
          fulfilmentDetails: { tableNumber: '1' },
          lines: [{ skuId: fm.products[0]!.skus[0]!.id, quantity: 1 }],
        },
      }),
    );
    expect(b2b.fields?.[0]?.code).toBe('mode_not_offered');
  });
});

import { type Quote, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, skus } from '../src/db/catalog-schema.ts';
import { businesses, customers, stores } from '../src/db/schema.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { problemOf } from './expect-problem.ts';
import { startTestServer, type TestServer } from './harness.ts';

// Priced against the demo data: a restaurant (6 % inclusive tax, packaging/delivery fees) and a
// manufacturer (13 % exclusive tax, customer price lists with a quantity break at 50).
let s: TestServer;
type Client = Awaited<ReturnType<TestServer['loginToken']>>;
let restStaff: Client;
let factSales: Client;
let factAdmin: Client;
const ids: Record<string, string> = {};

async function skuOf(productName: string, options: Record<string, string> = {}) {
  const rows = await s.database.db
    .select({ id: skus.id, options: skus.options })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(products.name, productName));
  return rows.find((r) => Object.entries(options).every(([k, v]) => r.options[k] === v))!.id;
}

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
  ids.noodlesL = await skuOf('红烧牛肉面', { size: 'large' });
  ids.porkNoodles = await skuOf('招牌红烧肉面');
  ids.breakfast = await skuOf('豆浆油条套餐');
  ids.chairBlack = await skuOf('人体工学椅 ErgoPro', { colour: 'black' });
  const [acct] = await db.select().from(customers).where(eq(customers.name, '杭州恒信办公家具经销部'));
  ids.dealer = acct!.id;
  // the next 12:00 in Shanghai (04:00 UTC): lunch, outside the breakfast window; before signing in,
  // so sessions start at the moved time
  const now = s.clock.now().getTime();
  const noon = new Date(s.clock.now());
  noon.setUTCHours(4, 0, 0, 0);
  if (noon.getTime() <= now) noon.setUTCDate(noon.getUTCDate() + 1);
  s.clock.advance(noon.getTime() - now);
  restStaff = await s.loginToken('rest-staff', DEMO_PASSWORD);
  factSales = await s.loginToken('fact-sales1', DEMO_PASSWORD);
  factAdmin = await s.loginToken('fact-admin', DEMO_PASSWORD);
});
afterAll(() => s.close());

describe('restaurant quote', () => {
  it('prices options, fees and inclusive tax from the database', async () => {
    const q: Quote = await restStaff.call(routes.quote, {
      body: {
        storeId: ids.storeA!,
        fulfilment: 'delivery',
        lines: [{ skuId: ids.noodlesL!, quantity: 2, modifiers: { spice: 'hot', extra: 'egg' } }],
      },
    });
    // 3200 + 500 large + 200 egg = 3900 × 2; packaging 100 + delivery 500; 6 % inclusive
    expect(q.lines[0]).toMatchObject({
      unitPrice: 3900,
      gross: 7800,
      net: 7800,
      total: 7800,
      skuLabel: '大碗',
      modifiersLabel: '特辣 / 加蛋',
      unavailable: null,
    });
    expect(q.lines[0]!.tax).toBe(7800 - Math.round(7800 / 1.06));
    expect(q.fees.map((f) => [f.code, f.amount])).toEqual([
      ['packaging', 100],
      ['delivery', 500],
    ]);
    expect(q).toMatchObject({
      subtotal: 7800,
      feesTotal: 600,
      total: 8400,
      taxMode: 'inclusive',
      currency: 'CNY',
      orderable: true,
    });
  });

  it('asks for a required option, naming the field', async () => {
    const p = await problemOf(
      restStaff.call(routes.quote, {
        body: { storeId: ids.storeA!, fulfilment: 'pickup', lines: [{ skuId: ids.noodlesL!, quantity: 1 }] },
      }),
    );
    expect(p.fields?.map((f) => f.field)).toEqual(['body.lines.0.modifiers.spice']);
  });

  it('flags breakfast outside its hours, and stock it cannot cover, leaving them out of the totals', async () => {
    const q = await restStaff.call(routes.quote, {
      body: {
        storeId: ids.storeA!,
        fulfilment: 'dine_in',
        lines: [
          { skuId: ids.breakfast!, quantity: 1 },
          { skuId: ids.porkNoodles!, quantity: 20, modifiers: { spice: 'mild' } },
          { skuId: ids.porkNoodles!, quantity: 11, modifiers: { spice: 'hot' } },
        ],
      },
    });
    expect(q.lines.map((l) => [l.unavailable, l.stockAvailable])).toEqual([
      ['outside_hours', null],
      ['out_of_stock', 30],
      ['out_of_stock', 30],
    ]);
    expect([q.total, q.orderable]).toEqual([0, false]);
  });

  it('only lets store staff quote for their own store', async () => {
    expect(
      (
        await problemOf(
          restStaff.call(routes.quote, {
            body: {
              storeId: ids.storeB!,
              fulfilment: 'pickup',
              lines: [{ skuId: ids.breakfast!, quantity: 1 }],
            },
          }),
        )
      ).status,
    ).toBe(403);
  });

  it('ignores a price or total a client sends', async () => {
    const body = {
      storeId: ids.storeA!,
      fulfilment: 'dine_in',
      lines: [{ skuId: ids.porkNoodles!, quantity: 1, modifiers: { spice: 'mild' }, unitPrice: 1, price: 1 }],
      total: 1,
      subtotal: 1,
    };
    const q = await restStaff.call(routes.quote, { body: body as never });
    expect([q.lines[0]!.unitPrice, q.total]).toEqual([3800, 3800]);
  });

  it('needs orders.override_price for a manual price', async () => {
    const p = await problemOf(
      restStaff.call(routes.quote, {
        body: {
          storeId: ids.storeA!,
          fulfilment: 'dine_in',
          lines: [{ skuId: ids.porkNoodles!, quantity: 1, modifiers: { spice: 'mild' }, overridePrice: 100 }],
        },
      }),
    );
    expect([p.status, p.fields?.[0]?.field]).toEqual([403, 'body.lines.0.overridePrice']);
  });
});

describe('B2B quote', () => {
  it("uses the account's price list, its quantity break, and exclusive tax", async () => {
    const at = (quantity: number) =>
      factSales.call(routes.quote, {
        body: {
          storeId: ids.factory!,
          customerId: ids.dealer!,
          fulfilment: 'shipment',
          lines: [{ skuId: ids.chairBlack!, quantity }],
        },
      });
    const ten = await at(10);
    // base 128000, distributor −15 % = 108800 (whole yuan), −20 % from 50 = 102400
    expect([ten.lines[0]!.unitPrice, ten.lines[0]!.priceSource, ten.tax, ten.total]).toEqual([
      108800,
      'price_list',
      141440,
      1229440,
    ]);
    const sixty = await at(60);
    expect(sixty.lines[0]!.unitPrice).toBe(102400);
  });

  it('applies discounts and lets an admin override a price', async () => {
    const q = await factAdmin.call(routes.quote, {
      body: {
        storeId: ids.factory!,
        fulfilment: 'shipment',
        lines: [
          { skuId: ids.chairBlack!, quantity: 2, discount: { kind: 'percent', value: 5 } },
          { skuId: ids.chairBlack!, quantity: 1, overridePrice: 100000 },
        ],
        orderDiscount: { kind: 'amount', value: 1000 },
      },
    });
    expect(q.lines.map((l) => [l.priceSource, l.gross, l.lineDiscount])).toEqual([
      ['base', 256000, 12800],
      ['override', 100000, 0],
    ]);
    expect(q.discount).toBe(13800);
    expect(q.total).toBe(q.lines.reduce((a, l) => a + l.total, 0));
  });
});

describe('customer quote', () => {
  it("prices a signed-in customer's cart, refusing staff-only fields", async () => {
    const { devCode } = await s.anon.call(routes.customerRequestCode, {
      body: { business: 'demo-restaurant', phone: '13800000001' },
    });
    const { token } = await s.anon.call(routes.customerLogin, {
      body: { business: 'demo-restaurant', phone: '13800000001', code: devCode! },
    });
    const { createClient } = await import('@orderloop/contract');
    const c = createClient({ baseUrl: s.url, token: () => token });
    const q = await c.call(routes.customerQuote, {
      body: {
        storeId: ids.storeA!,
        fulfilment: 'pickup',
        lines: [{ skuId: ids.porkNoodles!, quantity: 1, modifiers: { spice: 'mild' } }],
      },
    });
    expect(q.total).toBe(3900);
    const sneaky = {
      storeId: ids.storeA!,
      fulfilment: 'pickup',
      orderDiscount: { kind: 'percent', value: 100 },
      lines: [{ skuId: ids.porkNoodles!, quantity: 1, modifiers: { spice: 'mild' }, overridePrice: 1 }],
    };
    const q2 = await c.call(routes.customerQuote, { body: sneaky as never });
    expect(q2.total).toBe(3900);
    expect(
      (
        await problemOf(
          c.call(routes.customerQuote, {
            body: {
              storeId: ids.factory!,
              fulfilment: 'pickup',
              lines: [{ skuId: ids.porkNoodles!, quantity: 1 }],
            },
          }),
        )
      ).status,
    ).toBe(404);
  });
});

import { routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
type Client = Awaited<ReturnType<TestServer['loginToken']>>;
let admin: Client;
let staffA: Client;

const size = {
  code: 'size',
  name: 'Size',
  variant: true,
  required: true,
  values: [
    { code: 's', name: 'Small', priceDelta: 0 },
    { code: 'l', name: 'Large', priceDelta: 300 },
  ],
};
const spice = {
  code: 'spice',
  name: 'Spice',
  variant: false,
  required: true,
  values: [
    { code: 'mild', name: 'Mild', priceDelta: 0 },
    { code: 'hot', name: 'Hot', priceDelta: 0 },
  ],
};

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db, 'restaurant');
  admin = await s.loginToken(
    (await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }])).username,
    PASSWORD,
  );
  staffA = await s.loginToken(
    (await makeUser(s.database.db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]))
      .username,
    PASSWORD,
  );
});
afterAll(() => s.close());

describe('categories', () => {
  it('nest one level only', async () => {
    const top = await admin.call(routes.createCategory, { body: { name: 'Noodles', sort: 1 } });
    const sub = await admin.call(routes.createCategory, { body: { name: 'Soup noodles', parentId: top.id } });
    const deeper = await problemOf(
      admin.call(routes.createCategory, { body: { name: 'Too deep', parentId: sub.id } }),
    );
    expect(deeper.fields?.[0]?.field).toBe('body.parentId');
    const moveParent = await problemOf(
      admin.call(routes.updateCategory, {
        params: { id: top.id },
        body: { parentId: (await admin.call(routes.createCategory, { body: { name: 'Other' } })).id },
      }),
    );
    expect(moveParent.code).toBe('VALIDATION_FAILED');
    expect((await admin.call(routes.listCategories)).map((c) => c.name)).toEqual([
      'Other',
      'Soup noodles',
      'Noodles',
    ]);
  });
});

describe('products and SKUs', () => {
  let productId = '';

  it('creates a product whose SKUs follow its variant groups, untracked in every store', async () => {
    const p = await admin.call(routes.createProduct, {
      body: {
        name: 'Beef noodles',
        optionGroups: [size, spice],
        skus: [
          { code: 'bn-s', options: { size: 's' }, price: 3200 },
          { code: 'bn-l', options: { size: 'l' }, price: 3700 },
        ],
      },
    });
    productId = p.id;
    expect(p.skus.map((x) => [x.code, x.label, x.price])).toEqual([
      ['BN-L', 'Large', 3700],
      ['BN-S', 'Small', 3200],
    ]);
    expect(p.skus[0]!.stock).toEqual(
      expect.arrayContaining([
        { storeId: biz.storeA, tracked: false, onHand: 0, reserved: 0, available: null },
      ]),
    );
  });

  it('refuses SKUs that do not match the variant groups, naming every field', async () => {
    const p = await problemOf(
      admin.call(routes.createProduct, {
        body: {
          name: 'Broken',
          optionGroups: [size],
          skus: [
            { code: 'x1', options: {}, price: 1 },
            { code: 'x2', options: { size: 'xl' }, price: 1 },
          ],
        },
      }),
    );
    expect(p.fields?.map((f) => f.field)).toEqual(['body.skus.0.options.size', 'body.skus.1.options.size']);
  });

  it('refuses a SKU code another product already uses', async () => {
    const p = await problemOf(
      admin.call(routes.createProduct, { body: { name: 'Copy', skus: [{ code: 'BN-S', price: 1 }] } }),
    );
    expect([p.status, p.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('updates SKUs by code: new ones added, missing ones deactivated, none deleted', async () => {
    const p = await admin.call(routes.updateProduct, {
      params: { id: productId },
      body: { skus: [{ code: 'BN-S', options: { size: 's' }, price: 3300 }] },
    });
    expect(p.skus.map((x) => [x.code, x.price, x.active])).toEqual([
      ['BN-L', 3700, false],
      ['BN-S', 3300, true],
    ]);
  });

  it('searches by name or SKU code and filters by store', async () => {
    await admin.call(routes.createProduct, {
      body: { name: 'B-only tea', availableStoreIds: [biz.storeB], skus: [{ code: 'TEA-1', price: 800 }] },
    });
    expect(
      (await admin.call(routes.listProducts, { query: { q: 'bn-s' } })).items.map((x) => x.name),
    ).toEqual(['Beef noodles']);
    const inA = (await admin.call(routes.listProducts, { query: { storeId: biz.storeA } })).items.map(
      (x) => x.name,
    );
    expect(inA).toContain('Beef noodles');
    expect(inA).not.toContain('B-only tea');
  });

  it('only shows stock of the stores a reader can see', async () => {
    const p = await staffA.call(routes.getProduct, { params: { id: productId } });
    expect(p.skus.flatMap((x) => x.stock.map((st) => st.storeId))).toEqual([biz.storeA, biz.storeA]);
  });

  it('store staff mark a product sold out in their store in one action, not in another store', async () => {
    const out = await staffA.call(routes.setSoldOut, {
      params: { id: productId },
      body: { storeId: biz.storeA, soldOut: true },
    });
    expect(out.soldOutStoreIds).toEqual([biz.storeA]);
    expect(
      (
        await problemOf(
          staffA.call(routes.setSoldOut, {
            params: { id: productId },
            body: { storeId: biz.storeB, soldOut: true },
          }),
        )
      ).status,
    ).toBe(403);
    const back = await staffA.call(routes.setSoldOut, {
      params: { id: productId },
      body: { storeId: biz.storeA, soldOut: false },
    });
    expect(back.soldOutStoreIds).toEqual([]);
  });

  it('catalog edits need catalog.write for the whole business', async () => {
    expect((await problemOf(staffA.call(routes.createCategory, { body: { name: 'Nope' } }))).status).toBe(
      403,
    );
  });
});

describe('stock', () => {
  let skuId = '';
  beforeAll(async () => {
    const p = await admin.call(routes.createProduct, {
      body: { name: 'Dumplings', skus: [{ code: 'DUMP', price: 1200 }] },
    });
    skuId = p.skus[0]!.id;
  });

  it('refuses a delta on an untracked SKU, then tracks, receives, counts and writes off with a ledger row each', async () => {
    expect(
      (
        await problemOf(
          staffA.call(routes.adjustStock, {
            body: { storeId: biz.storeA, skuId, mode: 'delta', quantity: 5, reason: 'receipt' },
          }),
        )
      ).code,
    ).toBe('CONFLICT');
    await staffA.call(routes.adjustStock, {
      body: { storeId: biz.storeA, skuId, mode: 'track', quantity: 10, reason: 'tracking' },
    });
    await staffA.call(routes.adjustStock, {
      body: { storeId: biz.storeA, skuId, mode: 'delta', quantity: 5, reason: 'receipt' },
    });
    await staffA.call(routes.adjustStock, {
      body: { storeId: biz.storeA, skuId, mode: 'set', quantity: 12, reason: 'count' },
    });
    const row = await staffA.call(routes.adjustStock, {
      body: { storeId: biz.storeA, skuId, mode: 'delta', quantity: -2, reason: 'write_off', note: 'dropped' },
    });
    expect(row).toMatchObject({ tracked: true, onHand: 10, reserved: 0, available: 10, skuCode: 'DUMP' });
    const ledger = await staffA.call(routes.listStockMovements, { query: { storeId: biz.storeA, skuId } });
    expect(ledger.items.map((m) => [m.reason, m.deltaOnHand])).toEqual([
      ['write_off', -2],
      ['count', -3],
      ['receipt', 5],
      ['tracking', 10],
    ]);
    // the ledger reconciles to the stock level
    expect(ledger.items.reduce((sum, m) => sum + m.deltaOnHand, 0)).toBe(row.onHand);
  });

  it('never lets on hand drop below zero', async () => {
    const p = await problemOf(
      staffA.call(routes.adjustStock, {
        body: { storeId: biz.storeA, skuId, mode: 'delta', quantity: -11, reason: 'write_off' },
      }),
    );
    expect([p.code, p.fields?.[0]?.field]).toEqual(['CONFLICT', 'body.quantity']);
  });

  it('is scoped to my stores', async () => {
    expect(
      (
        await problemOf(
          staffA.call(routes.adjustStock, {
            body: { storeId: biz.storeB, skuId, mode: 'track', quantity: 1, reason: 'tracking' },
          }),
        )
      ).status,
    ).toBe(403);
    expect((await problemOf(staffA.call(routes.listStock, { query: { storeId: biz.storeB } }))).status).toBe(
      403,
    );
    const list = await staffA.call(routes.listStock, { query: { storeId: biz.storeA, q: 'dump' } });
    expect(list.items).toHaveLength(1);
  });
});

describe('price lists', () => {
  it('stores quantity breaks and refuses unknown SKUs or duplicate breaks', async () => {
    const p = await admin.call(routes.createProduct, {
      body: { name: 'Chair', skus: [{ code: 'CH-1', price: 10000 }] },
    });
    const skuId = p.skus[0]!.id;
    const list = await admin.call(routes.createPriceList, {
      body: {
        name: 'Dealers',
        items: [
          { skuId, minQuantity: 1, price: 9000 },
          { skuId, minQuantity: 50, price: 8000 },
        ],
      },
    });
    expect(list.items).toEqual([
      { skuId, minQuantity: 1, price: 9000 },
      { skuId, minQuantity: 50, price: 8000 },
    ]);
    const bad = await problemOf(
      admin.call(routes.updatePriceList, {
        params: { id: list.id },
        body: {
          name: 'Dealers',
          items: [
            { skuId, minQuantity: 1, price: 1 },
            { skuId, minQuantity: 1, price: 2 },
            { skuId: '00000000-0000-7000-8000-000000000000', price: 3 },
          ],
        },
      }),
    );
    expect(bad.fields?.map((f) => f.field)).toEqual(['body.items.1.minQuantity', 'body.items.2.skuId']);
    // nothing half-written
    expect((await admin.call(routes.listPriceLists)).find((l) => l.id === list.id)?.items).toHaveLength(2);
  });
});

describe('partial edits', () => {
  it('an edit of one field leaves every other field as it was', async () => {
    const store = await admin.call(routes.updateStore, {
      params: { id: biz.storeA },
      body: { timezone: 'Asia/Tokyo', openingHours: [{ day: 1, open: '08:00', close: '20:00' }] },
    });
    const renamed = await admin.call(routes.updateStore, {
      params: { id: biz.storeA },
      body: { name: 'Renamed' },
    });
    expect({ ...renamed, name: store.name }).toEqual(store);
    const p = await admin.call(routes.createProduct, {
      body: {
        name: 'Keep',
        unit: '碗',
        tags: ['hot'],
        optionGroups: [spice],
        skus: [{ code: 'KEEP', price: 1 }],
      },
    });
    const edited = await admin.call(routes.updateProduct, { params: { id: p.id }, body: { name: 'Kept' } });
    expect({ ...edited, name: p.name }).toEqual(p);
  });
});

import { type ApiClient, routes } from '@orderloop/contract';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, products, skus } from '../src/db/catalog-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { readTable } from '../src/spreadsheets/index.ts';
import { bytes, CSV, csvOf, exportAs, upload, XLSX } from './catalog-files.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeRole, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let coordA: ApiClient; // catalog.read in store A only, no catalog.write
let writerA: ApiClient; // catalog.write, but scoped to store A
let other: ApiClient; // admin of another business

/** Rows of each catalog table in the business, and its audit entries: "nothing was written" means these stay put. */
async function counts() {
  const db = s.database.db;
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    categories: await n(db.select({ n: count() }).from(categories).where(eq(categories.businessId, biz.id))),
    products: await n(db.select({ n: count() }).from(products).where(eq(products.businessId, biz.id))),
    skus: await n(db.select({ n: count() }).from(skus).where(eq(skus.businessId, biz.id))),
    audit: await n(db.select({ n: count() }).from(auditLog).where(eq(auditLog.businessId, biz.id))),
  };
}

const allProducts = async () => (await admin.call(routes.listProducts, { query: { limit: 200 } })).items;

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '10000' } });
  const db = s.database.db;
  biz = await makeBusiness(db);
  const otherBiz = await makeBusiness(db);
  const u = {
    admin: await makeUser(db, biz, [{ role: 'admin', scope: 'all' }]),
    coordA: await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]),
    writerA: await makeUser(db, biz, [
      {
        role: await makeRole(db, biz, ['catalog.read', 'catalog.write']),
        scope: 'store',
        storeId: biz.storeA,
      },
    ]),
    other: await makeUser(db, otherBiz, [{ role: 'admin', scope: 'all' }]),
  };
  admin = await s.loginToken(u.admin.username, PASSWORD);
  coordA = await s.loginToken(u.coordA.username, PASSWORD);
  writerA = await s.loginToken(u.writerA.username, PASSWORD);
  other = await s.loginToken(u.other.username, PASSWORD);

  const drinks = await admin.call(routes.createCategory, { body: { name: '饮品', sort: 1 } });
  const hot = await admin.call(routes.createCategory, { body: { name: '热饮', parentId: drinks.id } });
  const latte = await admin.call(routes.createProduct, {
    body: {
      name: '拿铁',
      categoryId: hot.id,
      unit: '杯',
      tags: ['咖啡', '热门'],
      optionGroups: [
        {
          code: 'size',
          name: '杯型',
          variant: true,
          values: [
            { code: 'large', name: '大杯' },
            { code: 'small', name: '中杯' },
          ],
        },
        {
          code: 'sugar',
          name: '糖度',
          variant: false,
          required: false,
          values: [{ code: 'less', name: '少糖' }],
        },
      ],
      skus: [
        { code: 'LATTE-L', options: { size: 'large' }, price: 2800 },
        { code: 'LATTE-S', options: { size: 'small' }, price: 2500 },
      ],
    },
  });
  await admin.call(routes.createProduct, {
    body: {
      name: 'Bagel',
      description: 'Sesame, "New York" style\nbaked daily',
      tags: ['+1', 'breakfast'],
      skus: [{ code: 'BAGEL', price: 1200 }],
    },
  });
  await admin.call(routes.createProduct, {
    body: { name: 'Old bun', skus: [{ code: 'BUN-OLD', price: 5, active: false }] },
  });
  const largeId = latte.skus.find((x) => x.code === 'LATTE-L')!.id;
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId: largeId, mode: 'track', quantity: 10, reason: 'count' },
  });
}, 60_000);
afterAll(() => s.close());

describe('catalog export', () => {
  it('streams a CSV Excel opens, one row per SKU, headers and file name in the request language', async () => {
    const d = await exportAs(admin, 'csv');
    expect(d.contentType).toMatch(/^text\/csv/);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .replaceAll('-', '');
    expect(d.filename).toBe(`商品目录-${date}.csv`);
    const buf = await bytes(d);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, or Chinese Excel reads GBK
    const table = await readTable(buf, 'csv');
    expect(table.headers).toEqual([
      '分类',
      '商品名称',
      '描述',
      '单位',
      '标签',
      'SKU编码',
      '规格',
      '价格（元）',
      '上架',
      '库存:A',
      '库存:B',
    ]);
    const byCode = Object.fromEntries(table.rows.map((r) => [r.cells.SKU编码, r.cells]));
    expect(Object.keys(byCode).sort()).toEqual(['BAGEL', 'BUN-OLD', 'LATTE-L', 'LATTE-S']);
    expect(byCode['LATTE-L']).toMatchObject({
      分类: '饮品 / 热饮',
      商品名称: '拿铁',
      单位: '杯',
      标签: '咖啡;热门',
      规格: 'size=large',
      '价格（元）': '28.00',
      上架: 'TRUE',
      '库存:A': '10', // tracked
      '库存:B': '', // untracked: unlimited
    });
    expect(byCode.BAGEL).toMatchObject({
      分类: '',
      描述: 'Sesame, "New York" style\nbaked daily',
      标签: '+1;breakfast',
      '价格（元）': '12.00',
    });
    expect(byCode['BUN-OLD']).toMatchObject({ '价格（元）': '0.05', 上架: 'FALSE' });
    // the formula guard is in the file, and undone when read back
    expect(buf.toString('utf8')).toContain("'+1;breakfast");
  });

  it('follows Accept-Language for headers (en, ja) and sends an ASCII file name beside the RFC 5987 one', async () => {
    const res = await fetch(`${s.url}${routes.exportCatalog.path}?format=xlsx`, {
      headers: {
        authorization: `Bearer ${(admin as ApiClient & { token: string }).token}`,
        'accept-language': 'ja',
      },
    });
    expect(res.headers.get('content-type')).toBe(XLSX);
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="catalog-\d{8}\.xlsx"; filename\*=UTF-8''%E5%95%86%E5%93%81/);
    const ja = await readTable(Buffer.from(await res.arrayBuffer()), 'xlsx');
    expect(ja.headers.slice(0, 3)).toEqual(['カテゴリ', '商品名', '説明']);
    const en = await readTable(await bytes(await exportAs(admin, 'xlsx', 'en-US,en;q=0.9')), 'xlsx');
    expect(en.headers).toEqual([
      'Category',
      'Product',
      'Description',
      'Unit',
      'Tags',
      'SKU code',
      'Variant options',
      'Price (CNY)',
      'Active',
      'Stock:A',
      'Stock:B',
    ]);
    expect(en.rows.find((r) => r.cells['SKU code'] === 'LATTE-S')?.cells['Price (CNY)']).toBe('25');
    expect((await exportAs(admin, 'csv', 'en')).filename).toMatch(/^catalog-\d{8}\.csv$/);
  });

  it('shows stock only for the stores the reader can see, and nothing of another business', async () => {
    const t = await readTable(await bytes(await exportAs(coordA, 'csv')), 'csv');
    expect(t.headers.filter((h) => h.startsWith('库存'))).toEqual(['库存:A']);
    expect(t.rows).toHaveLength(4);
    const theirs = await readTable(await bytes(await exportAs(other, 'csv')), 'csv');
    expect(theirs.rows).toEqual([]);
  });
});

describe('catalog import', () => {
  it('round-trips an export unchanged, CSV and XLSX, writing nothing but the audit entry', async () => {
    const before = await allProducts();
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await bytes(await exportAs(admin, format));
      const r = await upload(admin, file, { type: format === 'csv' ? CSV : XLSX });
      expect(r).toMatchObject({
        dryRun: false,
        rows: 4,
        categories: { created: 0, names: [] },
        products: { created: 0, updated: 0, unchanged: 3 },
        skus: { created: 0, updated: 0, unchanged: 4 },
        warnings: [],
      });
    }
    expect(await allProducts()).toEqual(before);
  });

  it('reports every bad cell of every row, by row and column, and writes nothing', async () => {
    const before = await counts();
    const H = ['分类', '商品名称', 'SKU编码', '规格', '价格（元）', '上架', '备注'];
    const file = csvOf([
      H,
      ['新分类', '新品', 'NEW-1', '', '9.90', '是', ''], // row 2: fine (and its new category must not appear)
      ['面包', '可颂', 'CROISSANT', '', 'abc', '是', ''], // row 3: price
      ['面包', '可颂2', 'BAD CODE!', '', '-1', 'maybe', ''], // row 4: code, price, active
      ['面包', '可颂3', 'new-1', '', '1.234', '', ''], // row 5: duplicate code (any case), three decimals
      ['面包', '贝果', 'B-1', 'size', '1', '', ''], // row 6: options syntax
      ['A / B / C', '深', 'DEEP', '', '1', '', ''], // row 7: category depth
      ['', 'Bagel', 'LATTE-L', '', '1', '', ''], // row 8: the code belongs to 拿铁
      ['饮品 / 热饮', '拿铁', 'LATTE-X', 'size=large', '30', '', ''], // row 9: same options as LATTE-L
      ['饮品 / 热饮', '拿铁', 'LATTE-M', 'sugar=less', '30', '', ''], // row 10: a modifier is no variant
    ]);
    const p = await problemOf(upload(admin, file, { lang: 'en' }));
    expect([p.status, p.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cells = (p.meta?.cells ?? []) as { row: number; column: string; value: string; message: string }[];
    expect(cells.map(({ row, column, value }) => [row, column, value])).toEqual([
      [3, '价格（元）', 'abc'],
      [4, 'SKU编码', 'BAD CODE!'],
      [4, '价格（元）', '-1'],
      [4, '上架', 'maybe'],
      [5, 'SKU编码', 'new-1'],
      [5, '价格（元）', '1.234'],
      [6, '规格', 'size'],
      [7, '分类', 'A / B / C'],
      [8, 'SKU编码', 'LATTE-L'],
      [9, '规格', 'size=large'],
      [10, '规格', 'sugar=less'],
    ]);
    expect(cells.every((c) => c.message.length > 0)).toBe(true);
    expect(cells.find((c) => c.row === 5 && c.column === 'SKU编码')?.message).toBe(
      'SKU code NEW-1 is also on row 2',
    );
    expect(cells.find((c) => c.row === 8)?.message).toBe(
      'SKU code LATTE-L already belongs to product "拿铁" (饮品 / 热饮)',
    );
    expect(p.detail).toBe('11 cell(s) are wrong in 8 row(s); nothing was imported.');
    expect(p.meta).toMatchObject({ totalCells: 11, rows: 8, truncated: false });
    // the unknown column is only a warning
    expect(p.meta?.warnings).toEqual([expect.objectContaining({ row: 1, column: '备注' })]);
    expect(await counts()).toEqual(before);
  });

  it('reports a missing required column on row 1, in the request language', async () => {
    const p = await problemOf(
      upload(
        admin,
        csvOf([
          ['商品名称', '价格'],
          ['x', '1'],
        ]),
        { lang: 'zh-CN' },
      ),
    );
    const cells = p.meta?.cells as { row: number; column: string; message: string }[];
    expect(cells.map((c) => [c.row, c.column])).toEqual([
      [1, 'sku'],
      [1, 'category'],
    ]);
    expect(cells[0]!.message).toMatch(/^缺少必填列：/);
    expect(p.detail).toMatch(/未导入任何数据/);
  });

  it('imports a GB18030 CSV saved by Chinese Excel, creating the missing category', async () => {
    // 分类,商品名称,描述,单位,标签,SKU编码,规格,价格（元）,上架 / 面食,牛肉面,"招牌，汤浓",碗,招牌;辣,NOODLE-BEEF-L,规格=大碗,32.00,是 / …小碗,28
    const gb = Buffer.from(
      'b7d6c0e02cc9ccc6b7c3fbb3c62cc3e8caf62cb5a5cebb2cb1eac7a92c534b55b1e0c2eb2cb9e6b8f12cbcdbb8f1a3a8d4aaa3a92cc9cfbcdc0d0ac3e6cab32cc5a3c8e2c3e62c22d5d0c5c6a3acccc0c5a8222ccdeb2cd5d0c5c63bc0b12c4e4f4f444c452d424545462d4c2cb9e6b8f13db4f3cdeb2c33322e30302ccac70d0ac3e6cab32cc5a3c8e2c3e62c22d5d0c5c6a3acccc0c5a8222ccdeb2cd5d0c5c63bc0b12c4e4f4f444c452d424545462d532cb9e6b8f13dd0a1cdeb2c32382ccac70d0a',
      'hex',
    );
    // a dry run counts the same and writes nothing, not even an audit entry
    const before = await counts();
    const dry = await upload(admin, gb, { dryRun: true });
    expect(await counts()).toEqual(before);
    const r = await upload(admin, gb);
    expect(r).toEqual({ ...dry, dryRun: false });
    expect(r).toMatchObject({
      rows: 2,
      categories: { created: 1, names: ['面食'] },
      products: { created: 1, updated: 0, unchanged: 0 },
      skus: { created: 2, updated: 0, unchanged: 0 },
    });
    const noodle = (await allProducts()).find((p) => p.name === '牛肉面')!;
    expect(noodle).toMatchObject({ description: '招牌，汤浓', unit: '碗', tags: ['招牌', '辣'] });
    // 大碗 is no code, so the option group and values get generated codes and keep their names
    expect(noodle.optionGroups).toEqual([
      {
        code: 'opt1',
        name: '规格',
        variant: true,
        required: true,
        values: [
          { code: 'v1', name: '大碗', priceDelta: 0 },
          { code: 'v2', name: '小碗', priceDelta: 0 },
        ],
      },
    ]);
    expect(noodle.skus.map((x) => [x.code, x.label, x.price, x.active])).toEqual([
      ['NOODLE-BEEF-L', '大碗', 3200, true],
      ['NOODLE-BEEF-S', '小碗', 2800, true],
    ]);
    // every store gets an untracked stock row, as for a product made in the console
    expect(noodle.skus[0]!.stock.map((x) => x.tracked)).toEqual([false, false]);
    const audit = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, biz.id), eq(auditLog.action, 'catalog.imported')));
    expect(audit.at(-1)?.changes).toMatchObject({
      format: { after: 'csv' },
      products: { after: { created: 1, updated: 0, unchanged: 0 } },
      skus: { after: { created: 2, updated: 0, unchanged: 0 } },
    });
  });

  it('imports an XLSX: updates prices and fields, adds SKUs and option values, counts each', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRows([
      [
        'Category',
        'Product',
        'Description',
        'Unit',
        'Tags',
        'SKU code',
        'Variant options',
        'Price',
        'Active',
      ],
      ['饮品 / 热饮', '拿铁', 'Milk coffee', '杯', '咖啡;热门', 'latte-l', 'size=large', 29.5, true],
      ['饮品 / 热饮', '拿铁', '', '', '', 'LATTE-S', 'size=small', 25, false],
      ['饮品 / 热饮', '拿铁', '', '', '', 'LATTE-XL', '杯型=超大杯', 33, true],
      ['饮品 / 冷饮', '冰美式', '', '杯', '', 'AMERICANO-ICED', '', '¥18', true],
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(admin, file, { type: XLSX, lang: 'en' });
    expect(r).toMatchObject({
      rows: 4,
      categories: { created: 1, names: ['饮品 / 冷饮'] },
      products: { created: 1, updated: 1, unchanged: 0 },
      skus: { created: 2, updated: 2, unchanged: 0 },
    });
    const list = await allProducts();
    const latte = list.find((p) => p.name === '拿铁')!;
    expect(latte.description).toBe('Milk coffee');
    expect(latte.optionGroups[0]!.values.map((v) => [v.code, v.name])).toEqual([
      ['large', '大杯'],
      ['small', '中杯'],
      ['v3', '超大杯'],
    ]);
    expect(latte.optionGroups[1]!.code).toBe('sugar'); // the modifier group is kept
    expect(latte.skus.map((x) => [x.code, x.price, x.active, x.label])).toEqual([
      ['LATTE-L', 2950, true, '大杯'],
      ['LATTE-S', 2500, false, '中杯'],
      ['LATTE-XL', 3300, true, '超大杯'],
    ]);
    const iced = list.find((p) => p.name === '冰美式')!;
    const cats = await admin.call(routes.listCategories);
    const cold = cats.find((c) => c.name === '冷饮')!;
    expect(cold.parentId).toBe(cats.find((c) => c.name === '饮品')!.id);
    expect(iced).toMatchObject({ categoryId: cold.id, unit: '杯', optionGroups: [] });
  });

  it('refuses more than 20,000 data rows', async () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `,P,S${i},1`);
    const file = Buffer.from(`分类,商品名称,SKU编码,价格\r\n${rows.join('\r\n')}`);
    const p = await problemOf(upload(admin, file, { lang: 'en' }));
    expect([p.status, p.code, p.meta?.maxRows]).toEqual([400, 'VALIDATION_FAILED', 20_000]);
  });

  it('needs catalog.write over the whole business: store-scoped staff get 403', async () => {
    const file = await bytes(await exportAs(admin, 'csv'));
    expect(await statusOf(upload(writerA, file))).toBe(403);
    expect(await statusOf(upload(writerA, file, { dryRun: true }))).toBe(403);
    expect(await statusOf(upload(coordA, file))).toBe(403);
  });
});

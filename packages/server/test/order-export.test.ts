import fs from 'node:fs';
import path from 'node:path';
import { type ApiClient, type OrderExportJob, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderExportJobs } from '../src/db/order-tools-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { newId } from '../src/lib/ids.ts';
import { createExportRunner } from '../src/order-export/runner.ts';
import { readTable } from '../src/spreadsheets/index.ts';
import { bytes } from './catalog-files.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeRole, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let dataDir: string;
let admin: ApiClient;
let adminName = '';
let staffB: ApiClient; // coordinator of store B: exports.run, orders.read in store B
let exporterOnly: ApiClient; // exports.run without any orders.read grant
let otherAdmin: ApiClient; // same business, another user
const orderIds: Record<string, string> = {};
const created: Record<string, string> = {};

/** "2026-11-22 10:03:04" in a time zone, computed independently of the server's code. */
const local = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));

const exportCsv = async (c: ApiClient, query: Record<string, unknown>, lang = 'zh-CN') =>
  bytes(
    await c.call(routes.exportOrders, {
      query: { format: 'csv', ...query } as never,
      headers: { 'accept-language': lang },
    }),
  );

const auditOf = (action: string) =>
  s.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.businessId, biz.id), eq(auditLog.action, action)));

async function finished(c: ApiClient, id: string): Promise<OrderExportJob> {
  for (let i = 0; i < 200; i++) {
    const job = await c.call(routes.getOrderExport, { params: { id } });
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export job did not finish');
}

beforeAll(async () => {
  s = await startTestServer({
    env: { LOGIN_IP_LIMIT: '1000', EXPORT_DIRECT_MAX: '4' },
  });
  dataDir = s.config.dataDir;
  const db = s.database.db;
  biz = await makeBusiness(db);
  adminName = (await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username;
  admin = await s.loginToken(adminName, PASSWORD);
  otherAdmin = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username,
    PASSWORD,
  );
  staffB = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeB }])).username,
    PASSWORD,
  );
  exporterOnly = await s.loginToken(
    (await makeUser(db, biz, [{ role: await makeRole(db, biz, ['exports.run']), scope: 'all' }])).username,
    PASSWORD,
  );
  const desk = (
    await admin.call(routes.createProduct, { body: { name: 'Desk', skus: [{ code: 'DESK', price: 10000 }] } })
  ).skus[0]!.id;
  const lamp = (
    await admin.call(routes.createProduct, { body: { name: '台灯', skus: [{ code: 'LAMP', price: 1999 }] } })
  ).skus[0]!.id;
  const make = async (key: string, body: Record<string, unknown>) => {
    const o = await admin.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'shipment',
        lines: [{ skuId: desk, quantity: 1 }],
        ...body,
      } as never,
    });
    orderIds[key] = o.number;
    created[key] = o.createdAt;
  };
  await make('a1', {
    notes: '=HYPERLINK("http://evil") 加急, "quoted"\nsecond line',
    tags: ['vip', 'rush'],
    contact: { name: '王小明', phone: '13912345678' },
    fulfilmentDetails: { requestedDate: '2026-12-01', address: '上海市黄浦区' },
    customFields: { colour: 'red' },
  });
  await make('a2', {
    lines: [
      { skuId: desk, quantity: 2 },
      { skuId: lamp, quantity: 3 },
    ],
  });
  await make('b1', { storeId: biz.storeB, lines: [{ skuId: desk, quantity: 3 }] });
}, 60_000);
afterAll(() => s.close());

describe('direct export', () => {
  it('writes the chosen columns with headers in Japanese, amounts per currency, times per store zone', async () => {
    const csv = await exportCsv(
      admin,
      { columns: 'number,store,createdAt,total,currency,tags,contactName,custom.colour', sort: 'number' },
      'ja',
    );
    expect(csv.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const table = await readTable(csv, 'csv');
    expect(table.headers).toEqual([
      '注文番号',
      '店舗',
      '作成日時',
      '合計金額',
      '通貨',
      'タグ',
      '連絡先氏名',
      'カスタム:colour',
    ]);
    const rows = table.rows.map((r) => Object.values(r.cells));
    expect(rows).toEqual([
      [
        orderIds.a1,
        'Store A',
        local(created.a1!, 'Asia/Shanghai'),
        '100.00',
        'CNY',
        'vip;rush',
        '王小明',
        'red',
      ],
      [orderIds.a2, 'Store A', local(created.a2!, 'Asia/Shanghai'), '259.97', 'CNY', '', '', ''],
      // JPY has no minor unit: 3 × 10000 is ¥30000, and Tokyo's clock is an hour ahead of Shanghai's
      [orderIds.b1, 'Store B', local(created.b1!, 'Asia/Tokyo'), '30000', 'JPY', '', '', ''],
    ]);
    expect(local(created.b1!, 'Asia/Tokyo')).not.toBe(local(created.b1!, 'Asia/Shanghai'));
  });

  it('keeps awkward text intact and defuses formulas', async () => {
    const csv = await exportCsv(admin, { columns: 'number,notes', q: 'hyperlink' }, 'en');
    expect(csv.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil"") 加急, ""quoted""\nsecond line"`);
    const [row] = (await readTable(csv, 'csv')).rows;
    expect(row?.cells).toEqual({
      'Order number': orderIds.a1,
      Notes: '=HYPERLINK("http://evil") 加急, "quoted"\nsecond line',
    });
  });

  it('applies the list filters and a store-B clerk never sees store A', async () => {
    const unpaidA = await readTable(
      await exportCsv(admin, { columns: 'number', storeId: biz.storeA, paymentStatus: 'unpaid', tag: 'vip' }),
      'csv',
    );
    expect(unpaidA.rows.map((r) => r.cells.订单号)).toEqual([orderIds.a1]);
    const mine = await readTable(await exportCsv(staffB, { columns: 'number,store' }), 'csv');
    expect(mine.rows.map((r) => r.cells.订单号)).toEqual([orderIds.b1]);
    // asking for store A explicitly gives nothing either
    const forced = await readTable(
      await exportCsv(staffB, { columns: 'number', storeId: biz.storeA }),
      'csv',
    );
    expect(forced.rows).toEqual([]);
    // exports.run alone reaches no order: the rows are what orders.read grants reach
    const none = await readTable(await exportCsv(exporterOnly, { columns: 'number' }), 'csv');
    expect(none.headers).toEqual(['订单号']);
    expect(none.rows).toEqual([]);
  });

  it('writes one row per order line, the order columns repeated', async () => {
    const table = await readTable(
      await exportCsv(admin, {
        granularity: 'lines',
        columns: 'number,lineNo,skuCode,product,quantity,unitPrice,lineTotal',
        sort: 'number',
      }),
      'csv',
    );
    expect(table.headers).toEqual(['订单号', '行号', 'SKU编码', '商品名称', '数量', '单价', '行金额']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual([
      [orderIds.a1, '1', 'DESK', 'Desk', '1', '100.00', '100.00'],
      [orderIds.a2, '1', 'DESK', 'Desk', '2', '100.00', '200.00'],
      [orderIds.a2, '2', 'LAMP', '台灯', '3', '19.99', '59.97'],
      [orderIds.b1, '1', 'DESK', 'Desk', '3', '10000', '30000'],
    ]);
  });

  it('refuses line columns in a one-row-per-order export, and unknown columns', async () => {
    const p = await problemOf(
      admin.call(routes.exportOrders, { query: { columns: 'number,quantity' } as never }),
    );
    expect([p.status, p.code, p.fields?.map((f) => f.field)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['query.columns.1'],
    ]);
    const q = await problemOf(
      admin.call(routes.exportOrders, { query: { columns: 'number,password' } as never }),
    );
    expect(q.fields?.map((f) => f.field)).toEqual(['query.columns.1']);
  });

  it('writes an XLSX that reads back: amounts are numbers in the currency format, times are local', async () => {
    const file = await admin.call(routes.exportOrders, {
      query: { format: 'xlsx', columns: 'number,createdAt,total', sort: 'number' } as never,
      headers: { 'accept-language': 'en' },
    });
    expect(file.filename).toMatch(/^Orders-\d{8}\.xlsx$/);
    const buf = await bytes(file);
    const table = await readTable(buf, 'xlsx');
    expect(table.headers).toEqual(['Order number', 'Created at', 'Total']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual([
      [orderIds.a1, local(created.a1!, 'Asia/Shanghai'), '100'],
      [orderIds.a2, local(created.a2!, 'Asia/Shanghai'), '259.97'],
      [orderIds.b1, local(created.b1!, 'Asia/Tokyo'), '30000'],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Orders');
    expect([sheet.getCell('C2').numFmt, sheet.getCell('C4').numFmt]).toEqual(['#,##0.00', '#,##0']);
    expect(sheet.getCell('B2').value).toBeInstanceOf(Date);
  });

  it('audits each export with its filter and row count; HEAD runs nothing', async () => {
    const before = (await auditOf('orders.exported')).length;
    await exportCsv(staffB, { columns: 'number', paymentStatus: 'unpaid' });
    const entries = await auditOf('orders.exported');
    expect(entries).toHaveLength(before + 1);
    const after = entries.at(-1)!.changes;
    expect(after.rows?.after).toBe(1);
    expect(after.filter?.after).toEqual({ paymentStatus: ['unpaid'] });
    expect(after.mode?.after).toBe('direct');

    const head = await fetch(`${s.url}/api/orders/export?columns=number&format=csv`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${(admin as ApiClient & { token: string }).token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-disposition')).toMatch(/orders-\d{8}\.csv/);
    expect(await auditOf('orders.exported')).toHaveLength(before + 1);
  });
});

describe('export jobs', () => {
  it('runs in the background, once, and only its owner sees and downloads it', async () => {
    const job = await admin.call(routes.createOrderExport, {
      body: {
        format: 'xlsx',
        granularity: 'lines',
        columns: ['number', 'skuCode', 'lineTotal'],
        sort: 'number',
      },
      headers: { 'accept-language': 'ja' },
    });
    expect(job.status).toBe('queued');
    const done = await finished(admin, job.id);
    expect([done.status, done.rowCount, done.filename]).toEqual([
      'done',
      4,
      expect.stringMatching(/^注文明細-\d{8}\.xlsx$/),
    ]);
    const file = await admin.call(routes.downloadOrderExport, { params: { id: job.id } });
    const table = await readTable(await bytes(file), 'xlsx');
    expect(table.headers).toEqual(['注文番号', 'SKUコード', '明細金額']);
    expect(table.rows.map((r) => r.cells.SKUコード)).toEqual(['DESK', 'DESK', 'LAMP', 'DESK']);

    const audits = (await auditOf('orders.exported')).filter((a) => a.entityId === job.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.changes.rows?.after).toBe(4);
    expect((await auditOf('orders.export_requested')).filter((a) => a.entityId === job.id)).toHaveLength(1);

    expect((await admin.call(routes.listOrderExports)).map((j) => j.id)).toContain(job.id);
    expect((await otherAdmin.call(routes.listOrderExports)).map((j) => j.id)).not.toContain(job.id);
    expect(await statusOf(otherAdmin.call(routes.getOrderExport, { params: { id: job.id } }))).toBe(404);
    expect(await statusOf(otherAdmin.call(routes.downloadOrderExport, { params: { id: job.id } }))).toBe(404);
  });

  it("a store-B clerk's job holds only store B's orders", async () => {
    const job = await staffB.call(routes.createOrderExport, {
      body: { format: 'csv', columns: ['number'], filter: {} },
    });
    expect((await finished(staffB, job.id)).rowCount).toBe(1);
    const table = await readTable(
      await bytes(await staffB.call(routes.downloadOrderExport, { params: { id: job.id } })),
      'csv',
    );
    expect(table.rows.map((r) => r.cells.订单号)).toEqual([orderIds.b1]);
  });

  it('validates the filter like the order list', async () => {
    const p = await problemOf(
      admin.call(routes.createOrderExport, {
        body: { columns: ['number'], filter: { totalMin: 'lots', colour: 'red' } as never },
      }),
    );
    expect(p.fields?.map((f) => f.field).sort()).toEqual(['body.filter', 'body.filter.totalMin']);
  });

  it('is claimed by exactly one of several runners (processes), and a dead runner’s job is taken over', async () => {
    const deps = { db: s.database.db, clock: s.clock, config: s.config, log: s.app.log };
    const runners = [createExportRunner(deps), createExportRunner(deps), createExportRunner(deps)];
    const [owner] = await s.database.db
      .select({ userId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.businessId, biz.id), eq(auditLog.action, 'orders.export_requested')))
      .limit(1);
    const base = {
      businessId: biz.id,
      userId: owner!.userId!,
      format: 'csv' as const,
      granularity: 'orders' as const,
      filter: {},
      sort: '-createdAt',
      columns: ['number'],
      locale: 'en' as const,
      createdAt: s.clock.now(),
    };
    const queued = newId();
    const abandoned = newId(); // its process died mid-export: the lease ran out
    const alive = newId(); // another live process is working on it
    const past = new Date(s.clock.now().getTime() - 1000);
    const future = new Date(s.clock.now().getTime() + 600_000);
    await s.database.db.insert(orderExportJobs).values([
      { ...base, id: queued, status: 'queued' },
      { ...base, id: abandoned, status: 'running', attempts: 1, claimToken: 'dead', leaseUntil: past },
      { ...base, id: alive, status: 'running', attempts: 1, claimToken: 'other', leaseUntil: future },
    ]);
    for (const r of runners) r.kick();
    await Promise.all(runners.map((r) => r.idle()));

    const rows = await s.database.db.select().from(orderExportJobs);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([byId.get(queued)?.status, byId.get(queued)?.attempts, byId.get(queued)?.rowCount]).toEqual([
      'done',
      1,
      3,
    ]);
    expect([byId.get(abandoned)?.status, byId.get(abandoned)?.attempts]).toEqual(['done', 2]);
    expect([byId.get(alive)?.status, byId.get(alive)?.claimToken]).toEqual(['running', 'other']);
    for (const id of [queued, abandoned])
      expect((await auditOf('orders.exported')).filter((a) => a.entityId === id)).toHaveLength(1);
    await s.database.db.delete(orderExportJobs).where(eq(orderExportJobs.id, alive));
  });

  it('refuses a download before the file is there, and after it expired', async () => {
    const job = await admin.call(routes.createOrderExport, { body: { format: 'csv', columns: ['number'] } });
    const early = await statusOf(admin.call(routes.downloadOrderExport, { params: { id: job.id } }));
    expect([200, 409]).toContain(early);
    await finished(admin, job.id);
    const file = path.join(dataDir, 'exports', `${job.id}.csv`);
    expect(fs.existsSync(file)).toBe(true);
    s.clock.advance(8 * 86_400_000);
    admin = await s.loginToken(adminName, PASSWORD); // the old session has expired too
    const p = await problemOf(admin.call(routes.downloadOrderExport, { params: { id: job.id } }));
    expect([p.status, p.code]).toEqual([410, 'GONE']);
    // the sweep deletes the file and marks the job
    const runner = createExportRunner({
      db: s.database.db,
      clock: s.clock,
      config: s.config,
      log: s.app.log,
    });
    await runner.start();
    await runner.stop();
    expect(fs.existsSync(file)).toBe(false);
    expect((await admin.call(routes.getOrderExport, { params: { id: job.id } })).status).toBe('expired');
  });
});

describe('direct export limit', () => {
  it('refuses more rows than a direct download allows, before sending anything', async () => {
    // four lines so far, the limit: one more makes it too many
    const sku = (await admin.call(routes.listProducts, { query: {} })).items[0]!.skus[0]!.id;
    await admin.call(routes.createOrder, {
      body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [{ skuId: sku, quantity: 1 }] },
    });
    const p = await problemOf(
      admin.call(routes.exportOrders, { query: { granularity: 'lines', columns: 'number' } as never }),
    );
    expect([p.status, p.code, p.meta?.maxRows]).toEqual([422, 'EXPORT_TOO_LARGE', 4]);
  });
});

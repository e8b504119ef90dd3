import { type ApiClient, type Order, routes } from '@orderloop/contract';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/order-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { bytes, CSV, csvOf, XLSX } from './catalog-files.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let coordA: ApiClient; // coordinator of store A: orders.batch in store A
let rep: ApiClient; // sales rep: orders.edit, but no batch operations
let alice = { id: '', username: '' };
const o: Record<string, Order> = {};

const upload = (c: ApiClient, data: Buffer, opts: { dryRun?: boolean; type?: string; lang?: string } = {}) =>
  c.call(routes.bulkUpdateOrders, {
    query: { dryRun: opts.dryRun ? 'true' : 'false' },
    file: { data, contentType: (opts.type ?? CSV) as typeof CSV },
    headers: { 'accept-language': opts.lang ?? 'zh-CN' },
  });

/** What "nothing was written" means: every order's version and stamp, and the business's audit entries. */
async function snapshot() {
  const db = s.database.db;
  const rows = await db
    .select({ id: orders.id, version: orders.version, updatedAt: orders.updatedAt })
    .from(orders)
    .where(eq(orders.businessId, biz.id))
    .orderBy(orders.id);
  const [audit] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.businessId, biz.id));
  return { rows, audit: audit!.n };
}

const get = (key: string) => admin.call(routes.getOrder, { params: { id: o[key]!.id } });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db);
  admin = await s.loginToken((await makeUser(db, biz, [{ role: 'admin', scope: 'all' }])).username, PASSWORD);
  coordA = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }])).username,
    PASSWORD,
  );
  rep = await s.loginToken(
    (await makeUser(db, biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }])).username,
    PASSWORD,
  );
  alice = await makeUser(db, biz, [{ role: 'production', scope: 'store', storeId: biz.storeA }], {
    username: `alice-${Date.now().toString(36)}`,
  });
  await makeUser(db, biz, [], { username: `gone-${Date.now().toString(36)}`, status: 'disabled' });
  const sku = (
    await admin.call(routes.createProduct, { body: { name: 'Desk', skus: [{ code: 'DESK', price: 10000 }] } })
  ).skus[0]!.id;
  const make = (body: Record<string, unknown>) =>
    admin.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'shipment',
        lines: [{ skuId: sku, quantity: 1 }],
        ...body,
      } as never,
    });
  o.a1 = await make({
    notes: 'keep me',
    contact: { name: '王小明' },
    fulfilmentDetails: { address: '旧地址' },
  });
  o.a2 = await make({ notes: 'clear me', tags: ['old'] });
  o.a3 = await make({});
  o.done = await make({});
  o.b1 = await make({ storeId: biz.storeB });
  await db.update(orders).set({ state: 'completed' }).where(eq(orders.id, o.done.id));
}, 60_000);
afterAll(() => s.close());

const HEADERS = ['订单号', '要求交货日期', '配送地址', '标签', '负责人账号', '自定义:colour', '颜色'];

describe('bulk update from a spreadsheet', () => {
  it('with any bad row writes nothing and lists every bad cell by row and column', async () => {
    const before = await snapshot();
    const sheet = csvOf([
      HEADERS,
      [o.a1!.number, '2026-13-45', '上海', 'vip', '', '', 'x'], // row 2: no such date
      ['A-19990101-0001', '', '', '', '', '', ''], // row 3: no such order
      [o.b1!.number, '2026-12-01', '', '', '', '', ''], // row 4: another store's order: not found either
      [o.a1!.number, '', '', 'x', '', '', ''], // row 5: the same order twice
      [o.done!.number, '2026-12-01', '', '', '', '', ''], // row 6: completed, cannot change
      [o.a2!.number, '', '', '', 'ghost', '', ''], // row 7: unknown assignee
      [
        o.a3!.number,
        'soon',
        '',
        Array.from({ length: 21 }, (_, i) => `t${i}`).join(';'),
        '',
        'y'.repeat(501),
        '',
      ], // row 8: three bad cells
      ['', '2026-12-01', '', '', '', '', ''], // row 9: no number
    ]);
    const p = await problemOf(upload(coordA, sheet, { lang: 'en' }));
    expect([p.status, p.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cells = (p.meta!.cells as { row: number; column: string; message: string }[]).map((c) => [
      c.row,
      c.column,
    ]);
    expect(cells).toEqual([
      [2, '要求交货日期'],
      [3, '订单号'],
      [4, '订单号'],
      [5, '订单号'],
      [6, '订单号'],
      [7, '负责人账号'],
      [8, '要求交货日期'],
      [8, '标签'],
      [8, '自定义:colour'],
      [9, '订单号'],
    ]);
    const messages = (p.meta!.cells as { row: number; message: string }[]).map((c) => c.message);
    expect(messages[1]).toBe('No order A-19990101-0001');
    expect(messages[2]).toBe(`No order ${o.b1!.number}`); // out of scope reads exactly like missing
    expect(messages[3]).toBe(`Order ${o.a1!.number} is also on row 2`);
    expect(messages[4]).toBe(`Order ${o.done!.number} is completed and can no longer be changed.`);
    expect(p.meta?.warnings).toEqual([
      { row: 1, column: '颜色', value: '颜色', message: 'Unknown column, ignored' },
    ]);
    expect(p.detail).toBe('10 cell(s) are wrong in 8 row(s); no order was changed.');
    expect(await snapshot()).toEqual(before);
  });

  it('changes exactly the named fields, bumps version and updated_at, and audits each order', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Orders');
    ws.addRow(['Order number', 'Requested date', 'Address', 'Tags', 'Assignee', 'Custom:colour', 'Notes']);
    ws.addRow([
      o.a1!.number,
      new Date(Date.UTC(2026, 11, 24)),
      '上海市徐汇区',
      'vip; rush',
      alice.username,
      'blue',
      '',
    ]);
    ws.addRow([o.a2!.number, '', '', '-', alice.username, '', '-']);
    ws.addRow([o.a3!.number, '', '', '-', '', '', '']); // no tags already: nothing changes
    ws.addRow([o.done!.number, '', '', '', '', '', '']); // a finished order is fine when nothing changes
    const data = Buffer.from(await book.xlsx.writeBuffer());

    const before = await snapshot();
    const dry = await upload(coordA, data, { dryRun: true, type: XLSX });
    expect(await snapshot()).toEqual(before);

    s.clock.advance(60_000);
    const result = await upload(coordA, data, { type: XLSX });
    expect(result).toEqual({ ...dry, dryRun: false });
    expect(result).toMatchObject({ dryRun: false, rows: 4, updated: 2, unchanged: 2, warnings: [] });
    expect(result.changes).toEqual([
      {
        row: 2,
        number: o.a1!.number,
        fields: ['requestedDate', 'address', 'tags', 'assignedTo', 'customFields.colour'],
      },
      { row: 3, number: o.a2!.number, fields: ['notes', 'tags', 'assignedTo'] },
    ]);

    const a1 = await get('a1');
    expect(a1).toMatchObject({
      fulfilmentDetails: { requestedDate: '2026-12-24', address: '上海市徐汇区' },
      tags: ['vip', 'rush'],
      assignedTo: alice.id,
      customFields: { colour: 'blue' },
      notes: 'keep me', // column empty: left alone
      contact: { name: '王小明' },
      version: 2,
    });
    expect(new Date(a1.updatedAt).getTime()).toBeGreaterThan(new Date(o.a1!.updatedAt).getTime() + 50_000);
    const a2 = await get('a2');
    expect([a2.notes, a2.tags, a2.assignedTo, a2.version]).toEqual([null, [], alice.id, 2]);
    expect((await get('a3')).version).toBe(1);
    expect((await get('done')).version).toBe(1);

    const audit = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.bulk_updated'), eq(auditLog.entityId, o.a1!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.storeId).toBe(biz.storeA);
    expect(audit[0]!.changes).toEqual({
      requestedDate: { before: null, after: '2026-12-24' },
      address: { before: '旧地址', after: '上海市徐汇区' },
      tags: { before: [], after: ['vip', 'rush'] },
      assignedTo: { before: null, after: alice.id },
      'customFields.colour': { before: null, after: 'blue' },
    });
    const audits = await s.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'order.bulk_updated'));
    expect(audits[0]!.n).toBe(2);
  });

  it('takes back its own export unchanged', async () => {
    const file = await admin.call(routes.exportOrders, {
      query: {
        format: 'csv',
        storeId: biz.storeA,
        columns: 'number,requestedDate,address,tags,assigneeUsername,custom.colour,total',
      } as never,
    });
    const result = await upload(admin, await bytes(file));
    expect(result).toMatchObject({ rows: 4, updated: 0, unchanged: 4, changes: [] });
  });

  it('needs the batch permission', async () => {
    expect(await statusOf(upload(rep, csvOf([['订单号'], [o.a1!.number]])))).toBe(403);
  });

  it('refuses a file that is not a spreadsheet and a sheet without the number column', async () => {
    const p = await problemOf(
      upload(coordA, Buffer.from('%PDF-1.7\n'), { type: 'application/octet-stream' }),
    );
    expect([p.status, p.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const q = await problemOf(
      upload(
        coordA,
        csvOf([
          ['Tags', 'Notes'],
          ['vip', 'x'],
        ]),
        { lang: 'en' },
      ),
    );
    expect(q.meta?.cells).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'number',
        message: expect.stringMatching(/^Missing required column/),
      }),
    ]);
  });
});

import { type ApiClient, routes } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaints } from '../src/db/complaint-schema.ts';
import { orderLines, orders } from '../src/db/order-schema.ts';
import { auditLog, roleGrants } from '../src/db/schema.ts';
import { approvals, orderHistory } from '../src/db/workflow-schema.ts';
import { newId } from '../src/lib/ids.ts';
import { rebuildReports, refreshReports } from '../src/reports/refresh.ts';
import { readTable } from '../src/spreadsheets/index.ts';
import { bytes } from './catalog-files.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeCustomer, makeRole, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let director: ApiClient; // leadership, all stores
let managerA: ApiClient; // approver with reports.read, store A only
let repReader: ApiClient; // reports.read with the own scope
let rep = { id: '', username: '' };
let approver: ApiClient;
let frame = ''; // SKU of a product in category "Metal", 100.00
let bolt = ''; // SKU of an uncategorised product, 5.00
let frameProduct = '';
let metal = '';
let accountA = ''; // customer of store A whose sales rep is `rep`
let accountB = '';
const ids: Record<string, string> = {};
const totals: Record<string, number> = {};

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const db = () => s.database.db;

async function place(
  key: string,
  c: ApiClient,
  body: {
    storeId: string;
    customerId: string;
    lines: { skuId: string; quantity: number }[];
    submit?: boolean;
  },
  extra: Record<string, unknown> = {},
) {
  const o = await c.call(routes.createOrder, {
    body: { fulfilment: 'shipment', submit: true, ...body, ...extra } as never,
  });
  ids[key] = o.id;
  totals[key] = o.total;
  return o;
}
const act = (c: ApiClient, id: string, action: string, input: Record<string, unknown> = {}) =>
  c.call(routes.transitionOrder, { params: { id }, body: { action, input } as never });

/** Pins an order's creation and history times: history row i happens `offsetsH[i]` hours after creation. */
async function pin(key: string, created: string, offsetsH: number[] = []) {
  const id = ids[key]!;
  await db()
    .update(orders)
    .set({ createdAt: at(created) })
    .where(eq(orders.id, id));
  const rows = await db()
    .select()
    .from(orderHistory)
    .where(eq(orderHistory.orderId, id))
    .orderBy(orderHistory.versionAfter);
  for (const [i, h] of rows.entries())
    await db()
      .update(orderHistory)
      .set({ at: new Date(Date.parse(created) + (offsetsH[i] ?? i) * H) })
      .where(eq(orderHistory.id, h.id));
  return rows.map((r) => `${r.fromState ?? '∅'}→${r.toState}`);
}

const range = { from: '2026-03-01', to: '2026-03-02' };
const overview = (c: ApiClient, q: Record<string, unknown> = {}) =>
  c.call(routes.reportOverview, { query: { ...range, ...q } as never });
const breakdown = (c: ApiClient, dimension: string, q: Record<string, unknown> = {}) =>
  c.call(routes.reportBreakdown, { query: { ...range, dimension, ...q } as never });
const byKey = <T extends { key: string | null }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? '-', r]));

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(db(), 'b2b');
  const login = async (grants: Parameters<typeof makeUser>[2]) =>
    s.loginToken((await makeUser(db(), biz, grants)).username, PASSWORD);
  admin = await login([{ role: 'admin', scope: 'all' }]);
  director = await login([{ role: 'leadership', scope: 'all' }]);
  managerA = await login([{ role: 'approver', scope: 'store', storeId: biz.storeA }]);
  approver = await login([{ role: 'approver', scope: 'all' }]);
  rep = await makeUser(db(), biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  const readerRole = await makeRole(db(), biz, ['reports.read']);
  // the own-scope reader is the rep themselves: a second grant, reports.read over their own orders
  await db()
    .insert(roleGrants)
    .values({ id: newId(), userId: rep.id, roleId: readerRole, scope: 'own', storeId: biz.storeA });
  repReader = await s.loginToken(rep.username, PASSWORD);

  metal = (await admin.call(routes.createCategory, { body: { name: 'Metal' } as never })).id;
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Steel frame', categoryId: metal, skus: [{ code: 'FRAME', price: 100_00 }] } as never,
  });
  frame = p.skus[0]!.id;
  frameProduct = p.id;
  bolt = (
    await admin.call(routes.createProduct, {
      body: { name: 'Bolt', skus: [{ code: 'BOLT', price: 5_00 }] } as never,
    })
  ).skus[0]!.id;
  accountA = await makeCustomer(db(), biz, { storeId: biz.storeA, salesRepId: rep.id, name: 'Acme' });
  accountB = await makeCustomer(db(), biz, { storeId: biz.storeB, name: 'Tokyo Co' });

  // o1: store A, 23:30 Shanghai on 1 March (15:30 UTC); submitted 1 h, under review 2 h, then approved
  await place('o1', repReader, {
    storeId: biz.storeA,
    customerId: accountA,
    lines: [{ skuId: frame, quantity: 2 }],
  });
  await act(admin, ids.o1!, 'review');
  await act(approver, ids.o1!, 'approve');
  // o2: store A, 00:30 Shanghai on 2 March — still 1 March in UTC; a 15 % discount waits for approval
  await place(
    'o2',
    admin,
    {
      storeId: biz.storeA,
      customerId: accountA,
      lines: [
        { skuId: bolt, quantity: 4 },
        { skuId: frame, quantity: 1 },
      ],
    },
    { orderDiscount: { kind: 'percent', value: 15 } },
  );
  // o3: store B (Tokyo, UTC+9), 00:30 on 2 March local; a mini-program order
  await place('o3', admin, {
    storeId: biz.storeB,
    customerId: accountB,
    lines: [{ skuId: bolt, quantity: 10 }],
  });
  // o6: store B, a 20 % discount rejected: back to draft
  await place(
    'o6',
    admin,
    { storeId: biz.storeB, customerId: accountB, lines: [{ skuId: frame, quantity: 3 }] },
    { orderDiscount: { kind: 'percent', value: 20 } },
  );
  // o4: store A, cancelled; o5: store A, a draft — neither is a sale
  await place('o4', admin, {
    storeId: biz.storeA,
    customerId: accountA,
    lines: [{ skuId: frame, quantity: 9 }],
  });
  await act(admin, ids.o4!, 'cancel', { reason: 'duplicate' });
  await place('o5', admin, {
    storeId: biz.storeA,
    customerId: accountA,
    lines: [{ skuId: frame, quantity: 1 }],
    submit: false,
  });

  const [a2] = await db().select().from(approvals).where(eq(approvals.orderId, ids.o2!));
  const [a6] = await db().select().from(approvals).where(eq(approvals.orderId, ids.o6!));
  await approver.call(routes.decideApproval, { params: { id: a2!.id }, body: { decision: 'approve' } });
  await approver.call(routes.decideApproval, { params: { id: a6!.id }, body: { decision: 'reject' } });

  await pin('o1', '2026-03-01T15:30:00Z', [0, 1, 3]);
  await pin('o2', '2026-03-01T16:30:00Z');
  await pin('o3', '2026-03-01T15:30:00Z');
  await pin('o4', '2026-03-02T02:00:00Z');
  await pin('o5', '2026-03-02T03:00:00Z');
  await pin('o6', '2026-03-02T04:00:00Z');
  await db().update(orders).set({ channel: 'miniapp' }).where(eq(orders.id, ids.o3!));
  // approvals: o2 decided 2 h after it was asked for, o6 4 h
  await db()
    .update(approvals)
    .set({ createdAt: at('2026-03-01T16:30:00Z'), decidedAt: at('2026-03-01T18:30:00Z') })
    .where(eq(approvals.id, a2!.id));
  await db()
    .update(approvals)
    .set({ createdAt: at('2026-03-02T04:00:00Z'), decidedAt: at('2026-03-02T08:00:00Z') })
    .where(eq(approvals.id, a6!.id));
  // first refresh on a never-built database is a full rebuild
  expect((await refreshReports(s.deps())).status).toBe('rebuilt');
}, 120_000);
afterAll(() => s.close());

describe('report figures', () => {
  it('counts orders and revenue per store-local day, across the time-zone boundary', async () => {
    const o = await overview(director);
    expect(o.currency).toBeNull(); // CNY and JPY stores together
    const day1 = totals.o1!;
    const day2 = totals.o2! + totals.o3!;
    expect(o.series).toEqual([
      { period: '2026-03-01', orders: 1, revenue: day1, cancelled: 0 },
      { period: '2026-03-02', orders: 2, revenue: day2, cancelled: 1 },
    ]);
    expect(o.totals).toEqual({
      orders: 3,
      revenue: day1 + day2,
      cancelled: 1,
      avgOrderValue: Math.round((day1 + day2) / 3),
    });
    const states = Object.fromEntries(o.states.map((x) => [x.state, x.orders]));
    expect(states).toEqual({ approved: 1, submitted: 2, cancelled: 1, draft: 2 });
    expect(o.states.find((x) => x.state === 'approved')!.name).toBe('已批准');
    expect(o.complaints).toEqual([]);

    const month = await overview(director, { granularity: 'month', from: '2026-02-15', to: '2026-03-31' });
    expect(month.series).toEqual([
      { period: '2026-02-01', orders: 0, revenue: 0, cancelled: 0 },
      { period: '2026-03-01', orders: 3, revenue: day1 + day2, cancelled: 1 },
    ]);
  });

  it('breaks revenue down by store, channel, sales rep, product and category', async () => {
    const lines = await db().select().from(orderLines);
    const sold = (pred: (l: (typeof lines)[number]) => boolean) => {
      const ls = lines.filter((l) => [ids.o1, ids.o2, ids.o3].includes(l.orderId) && pred(l));
      return {
        quantity: ls.reduce((a, l) => a + l.quantity, 0),
        revenue: ls.reduce((a, l) => a + l.total, 0),
      };
    };
    const stores = byKey((await breakdown(director, 'store')).rows);
    expect(stores[biz.storeA]).toMatchObject({
      label: 'Store A',
      orders: 2,
      revenue: totals.o1! + totals.o2!,
    });
    expect(stores[biz.storeB]).toMatchObject({
      label: 'Store B',
      orders: 1,
      revenue: totals.o3!,
      quantity: null,
    });
    const all = totals.o1! + totals.o2! + totals.o3!;
    expect(stores[biz.storeB]!.share).toBeCloseTo(totals.o3! / all, 6);

    const channels = byKey((await breakdown(director, 'channel', {}).then((b) => b)).rows);
    expect(channels.console).toMatchObject({ orders: 2, revenue: totals.o1! + totals.o2! });
    expect(channels.miniapp).toMatchObject({ label: '小程序', orders: 1, revenue: totals.o3! });

    const reps = byKey((await breakdown(director, 'rep')).rows);
    expect(reps[rep.id]).toMatchObject({ label: rep.username, orders: 2, revenue: totals.o1! + totals.o2! });
    expect(reps['-']).toMatchObject({ label: '无销售', orders: 1 });

    const products = byKey((await breakdown(director, 'product')).rows);
    expect(products[frameProduct]).toMatchObject({
      label: 'Steel frame',
      orders: 2,
      ...sold((l) => l.skuId === frame),
    });
    expect(products[frameProduct]!.quantity).toBe(3);
    const cats = byKey((await breakdown(director, 'category')).rows);
    expect(cats[metal]).toMatchObject({ label: 'Metal', ...sold((l) => l.skuId === frame) });
    expect(cats['-']).toMatchObject({ label: '未分类', orders: 2, ...sold((l) => l.skuId === bolt) });
    expect(cats['-']!.quantity).toBe(14);
  });

  it('averages the time in each state and the approval turnaround', async () => {
    const f = await director.call(routes.reportFlow, { query: range });
    const t = Object.fromEntries(f.stateTimes.map((x) => [x.state, x]));
    // submitted: o1 1 h, o4 1 h (then cancelled), o6 1 h (then returned); under review: o1 2 h
    expect(t.submitted).toMatchObject({ stays: 3, avgSeconds: 3600, name: '已提交' });
    expect(t.under_review).toMatchObject({ stays: 1, avgSeconds: 7200 });
    expect(f.approvals).toEqual({ decided: 2, approved: 1, rejected: 1, pending: 0, avgSeconds: 3 * 3600 });
  });

  it('shows a store-scoped reader only their store, and an own-scope reader only their orders', async () => {
    const o = await overview(managerA);
    expect(o.currency).toBe('CNY');
    expect(o.totals).toMatchObject({ orders: 2, revenue: totals.o1! + totals.o2!, cancelled: 1 });
    expect((await breakdown(managerA, 'store')).rows.map((r) => r.key)).toEqual([biz.storeA]);
    const f = await managerA.call(routes.reportFlow, { query: range });
    expect(f.approvals).toMatchObject({ decided: 1, approved: 1, avgSeconds: 7200 });
    expect(f.stateTimes.find((x) => x.state === 'submitted')).toMatchObject({ stays: 2 });
    const denied = await problemOf(overview(managerA, { storeId: biz.storeB }));
    expect(denied.code).toBe('FORBIDDEN');
    const onlyA = await overview(director, { storeId: biz.storeA });
    expect(onlyA.totals.orders).toBe(2);

    // the rep's own orders: o1 (they entered it) and o2 (their customer's)
    const mine = await overview(repReader);
    expect(mine.totals).toMatchObject({ orders: 2, revenue: totals.o1! + totals.o2! });
    expect(mine.states.reduce((a, x) => a + x.orders, 0)).toBe(4); // and o4, o5: their customer's too
  });

  it('refuses bad ranges and readers without the permission', async () => {
    const bad = await problemOf(overview(director, { from: '2026-03-05', to: '2026-03-01' }));
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'query.to' }] });
    const junk = await problemOf(breakdown(director, 'colour'));
    expect(junk.code).toBe('VALIDATION_FAILED');
    const clerk = await s.loginToken(
      (await makeUser(db(), biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }])).username,
      PASSWORD,
    );
    expect((await problemOf(overview(clerk))).code).toBe('FORBIDDEN');
    expect((await problemOf(managerA.call(routes.rebuildReports))).code).toBe('FORBIDDEN');
  });

  it('reflects new orders and changed old ones after the incremental refresh', async () => {
    expect((await refreshReports(s.deps())).status).toBe('idle');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(s.clock.now());
    const before = await overview(director, { from: today, to: today });
    const o7 = await place('o7', admin, {
      storeId: biz.storeA,
      customerId: accountA,
      lines: [{ skuId: frame, quantity: 5 }],
    });
    await act(admin, ids.o2!, 'cancel', { reason: 'customer changed mind' });
    // nothing moves until the refresh runs
    expect((await overview(director, { from: today, to: today })).totals.orders).toBe(before.totals.orders);
    const r = await refreshReports(s.deps());
    expect(r).toMatchObject({ status: 'refreshed', days: 2 });
    const after = await overview(director, { from: today, to: today });
    expect(after.totals.orders).toBe(before.totals.orders + 1);
    expect(after.totals.revenue).toBe(before.totals.revenue + o7.total);
    const old = await overview(director);
    expect(old.totals).toMatchObject({ orders: 2, revenue: totals.o1! + totals.o3!, cancelled: 2 });
    // a rebuild from scratch agrees with the incremental result
    const incremental = await overview(director);
    await rebuildReports(s.deps());
    expect(await overview(director)).toEqual({ ...incremental, refreshedAt: expect.any(String) });
  });

  it('refreshes once when two workers tick together', async () => {
    await place('o8', admin, {
      storeId: biz.storeB,
      customerId: accountB,
      lines: [{ skuId: bolt, quantity: 1 }],
    });
    const results = await Promise.all([refreshReports(s.deps()), refreshReports(s.deps())]);
    // one recomputes; the other finds the state row locked (busy) or, if it came second, nothing new
    expect(results.filter((r) => r.status === 'refreshed')).toHaveLength(1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(s.clock.now());
    const seen = await overview(director, { from: today, to: today, storeId: biz.storeB });
    expect(seen.totals.orders).toBe(1);
  });

  it('exports each report as CSV and XLSX that parse back to the same numbers', async () => {
    const o = await overview(managerA);
    const csv = bytes(
      await managerA.call(routes.exportReport, {
        query: { ...range, report: 'series', format: 'csv' } as never,
        headers: { 'accept-language': 'en' },
      }),
    );
    const table = await readTable(await csv, 'csv');
    expect(table.headers).toEqual(['Period', 'Orders', 'Revenue (CNY)', 'Cancelled']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual(
      o.series.map((p) => [p.period, String(p.orders), (p.revenue / 100).toFixed(2), String(p.cancelled)]),
    );
    const b = await breakdown(director, 'product');
    const xlsx = await readTable(
      await bytes(
        await director.call(routes.exportReport, {
          query: { ...range, report: 'product', format: 'xlsx' } as never,
        }),
      ),
      'xlsx',
    );
    expect(xlsx.headers).toEqual(['商品', '订单数', '数量', '销售额', '销售额占比']);
    expect(xlsx.rows.map((r) => [r.cells.商品, Number(r.cells.数量), Number(r.cells.销售额)])).toEqual(
      b.rows.map((r) => [r.label, r.quantity, r.revenue / 100]),
    );
    const flow = await readTable(
      await bytes(
        await director.call(routes.exportReport, {
          query: { ...range, report: 'flow', format: 'csv' } as never,
          headers: { 'accept-language': 'ja' },
        }),
      ),
      'csv',
    );
    expect(flow.headers[3]).toBe('平均滞在（時間）');
    expect(flow.rows.find((r) => r.cells.キー === 'under_review')?.cells['平均滞在（時間）']).toBe('2');
  });

  it('lets an all-scope reader rebuild their business, audited', async () => {
    const r = await director.call(routes.rebuildReports);
    expect(r.orders).toBeGreaterThan(0);
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, 'reports.rebuilt'));
    expect(row).toBeDefined();
  });
});

describe('complaints in the overview', () => {
  it('counts complaints filed on the store-local days of the range, in the reader’s scope', async () => {
    const file = async (orderId: string, kind: 'complaint' | 'return', iso: string) => {
      const c = await admin.call(routes.fileComplaint, {
        params: { id: orderId },
        body: { kind, description: 'Scratched' },
      });
      await db()
        .update(complaints)
        .set({ createdAt: at(iso) })
        .where(eq(complaints.id, c.id));
    };
    await file(ids.o2!, 'return', '2026-03-01T17:00:00Z'); // store A: 2 March in Shanghai
    await file(ids.o2!, 'complaint', '2026-03-01T18:00:00Z');
    await file(ids.o1!, 'return', '2026-03-02T10:00:00Z');
    await file(ids.o3!, 'return', '2026-03-02T16:00:00Z'); // store B: 3 March in Tokyo, outside
    await file(ids.o1!, 'complaint', '2026-02-20T10:00:00Z'); // before the range
    expect((await overview(director)).complaints).toEqual([
      { kind: 'return', count: 2 },
      { kind: 'complaint', count: 1 },
    ]);
    expect((await overview(director, { to: '2026-03-03' })).complaints).toEqual([
      { kind: 'return', count: 3 },
      { kind: 'complaint', count: 1 },
    ]);
    expect((await overview(managerA, { to: '2026-03-03' })).complaints).toEqual([
      { kind: 'return', count: 2 },
      { kind: 'complaint', count: 1 },
    ]);
  });
});

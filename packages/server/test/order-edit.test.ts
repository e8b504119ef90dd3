import { type ApiClient, routes } from '@orderloop/contract';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockLevels } from '../src/db/catalog-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let rest: TestBusiness;
let b2b: TestBusiness;
let clerk: ApiClient; // restaurant coordinator, store A
let clerkB: ApiClient; // restaurant coordinator, store B
let rep: ApiClient; // b2b sales rep
let coord: ApiClient; // b2b coordinator
let approver: ApiClient;
let sku = '';
let frame = '';

const login = async (biz: TestBusiness, role: string, scope: 'own' | 'store' | 'all', storeId?: string) =>
  s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);

const reserved = async () => {
  const [l] = await s.database.db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.skuId, sku), eq(stockLevels.storeId, rest.storeA)));
  return l!.reserved;
};
const enter = (c: ApiClient, quantity = 2, storeId = rest.storeA) =>
  c.call(routes.createOrder, { body: { storeId, fulfilment: 'pickup', lines: [{ skuId: sku, quantity }] } });
const edit = (c: ApiClient, id: string, body: Record<string, unknown>) =>
  c.call(routes.editOrder, { params: { id }, body: body as never });
const act = (c: ApiClient, id: string, action: string, extra: Record<string, unknown> = {}) =>
  c.call(routes.transitionOrder, { params: { id }, body: { action, ...extra } as never });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  rest = await makeBusiness(s.database.db, 'restaurant');
  b2b = await makeBusiness(s.database.db, 'b2b');
  const restAdmin = await login(rest, 'admin', 'all');
  clerk = await login(rest, 'coordinator', 'store', rest.storeA);
  clerkB = await login(rest, 'coordinator', 'store', rest.storeB);
  const p = await restAdmin.call(routes.createProduct, {
    body: { name: 'Bao', skus: [{ code: 'BAO', price: 600 }] },
  });
  sku = p.skus[0]!.id;
  await restAdmin.call(routes.adjustStock, {
    body: { storeId: rest.storeA, skuId: sku, mode: 'track', quantity: 40, reason: 'count' },
  });
  const b2bAdmin = await login(b2b, 'admin', 'all');
  rep = await login(b2b, 'sales_rep', 'own', b2b.storeA);
  coord = await login(b2b, 'coordinator', 'store', b2b.storeA);
  approver = await login(b2b, 'approver', 'all');
  const f = await b2bAdmin.call(routes.createProduct, {
    body: { name: 'Frame', skus: [{ code: 'FR', price: 10_000 }] },
  });
  frame = f.skus[0]!.id;
}, 60_000);
afterAll(() => s.close());

describe('editing an order', () => {
  it('re-prices changed lines, moves the reservation and audits field by field', async () => {
    const o = await enter(clerk, 2);
    const base = await reserved();
    const e = await edit(clerk, o.id, {
      expectedVersion: o.version,
      lines: [{ skuId: sku, quantity: 5 }],
      notes: 'extra',
    });
    expect([e.total, e.lines[0]!.quantity, e.notes, e.version]).toEqual([3000, 5, 'extra', o.version + 1]);
    expect(await reserved()).toBe(base + 3);
    const [entry] = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'order.edited')))
      .orderBy(desc(auditLog.at));
    expect(entry!.changes).toMatchObject({
      lines: { before: ['BAO × 2 @ 600'], after: ['BAO × 5 @ 600'] },
      total: { before: 1200, after: 3000 },
      notes: { before: null, after: 'extra' },
    });
    expect(Object.keys(entry!.changes as object).sort()).toEqual(['lines', 'notes', 'total']);
  });

  it('an edit beyond the stock changes nothing; a stale version is a conflict', async () => {
    const o = await enter(clerk, 1);
    const base = await reserved();
    const p = await problemOf(
      edit(clerk, o.id, { expectedVersion: o.version, lines: [{ skuId: sku, quantity: 50 }] }),
    );
    expect(p).toMatchObject({ code: 'OUT_OF_STOCK', fields: [{ field: 'body.lines.0.quantity' }] });
    expect(await reserved()).toBe(base);
    const still = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect([still.lines[0]!.quantity, still.version]).toEqual([1, o.version]);
    const stale = await problemOf(edit(clerk, o.id, { expectedVersion: o.version + 7, notes: 'x' }));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect((await problemOf(edit(clerkB, o.id, { expectedVersion: o.version, notes: 'x' }))).status).toBe(
      403,
    );
  });

  it('lines are frozen once the kitchen works on it, but notes and tags are not', async () => {
    const o = await enter(clerk, 1);
    const a = await act(clerk, o.id, 'accept');
    const p = await problemOf(
      edit(clerk, o.id, { expectedVersion: a.version, lines: [{ skuId: sku, quantity: 2 }] }),
    );
    expect(p).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', meta: { state: 'accepted' } });
    const t = await edit(clerk, o.id, { expectedVersion: a.version, tags: ['vip'] });
    expect(t.tags).toEqual(['vip']);
  });
});

describe('approval cannot be bypassed', () => {
  const order = (c: ApiClient, extra: Record<string, unknown> = {}) =>
    c.call(routes.createOrder, {
      body: {
        storeId: b2b.storeA,
        fulfilment: 'shipment',
        lines: [{ skuId: frame, quantity: 3 }],
        ...extra,
      } as never,
    });
  const approvalOf = async (id: string) =>
    (await coord.call(routes.getOrder, { params: { id } })).workflow!.approval;

  it('through an edit that adds a discount after submission', async () => {
    const o = await order(rep);
    expect(await approvalOf(o.id)).toBeNull();
    await edit(rep, o.id, { expectedVersion: o.version, orderDiscount: { kind: 'percent', value: 25 } });
    expect(await approvalOf(o.id)).toMatchObject({ status: 'pending', rules: [{ key: 'discount_10' }] });
    await act(coord, o.id, 'review');
    expect((await problemOf(act(approver, o.id, 'approve'))).code).toBe('APPROVAL_PENDING');
  });

  it('through a draft submitted later, a duplicate, and a batch action', async () => {
    const d = await order(rep, { submit: false, orderDiscount: { kind: 'percent', value: 15 } });
    expect(await approvalOf(d.id)).toBeNull(); // a draft is not yet asking
    await act(rep, d.id, 'submit');
    expect((await approvalOf(d.id))?.status).toBe('pending');

    const source = await coord.call(routes.getOrder, { params: { id: d.id } });
    const dup = await order(rep, {
      lines: source.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, discount: l.discount })),
      orderDiscount: source.orderDiscount,
    });
    expect((await approvalOf(dup.id))?.status).toBe('pending');

    await act(coord, d.id, 'review');
    await act(coord, dup.id, 'review');
    const admin = await login(b2b, 'admin', 'all');
    const r = await admin.call(routes.batchOrders, {
      body: { ids: [d.id, dup.id], operation: { type: 'transition', action: 'approve', input: {} } },
    });
    expect(r).toMatchObject({ succeeded: 0, failed: 2 });
    expect(r.results.map((x) => x.code)).toEqual(['APPROVAL_PENDING', 'APPROVAL_PENDING']);
  });
});

describe('batch operations', () => {
  it('reports per order: which changed and why each other one did not', async () => {
    const a = await enter(clerk, 1);
    const b = await enter(clerk, 1);
    const c = await enter(clerk, 1);
    const other = await enter(clerkB, 1, rest.storeB);
    await act(clerk, b.id, 'accept');
    const r = await clerk.call(routes.batchOrders, {
      body: { ids: [a.id, b.id, c.id], operation: { type: 'transition', action: 'accept', input: {} } },
    });
    expect(r.results.map((x) => [x.number, x.ok, x.code])).toEqual([
      [a.number, true, null],
      [b.number, false, 'TRANSITION_NOT_ALLOWED'],
      [c.number, true, null],
    ]);
    expect(r).toMatchObject({ succeeded: 2, failed: 1 });
    expect(r.results[1]!.message).toContain('已接单');

    const tags = await clerk.call(routes.batchOrders, {
      body: { ids: [a.id, other.id], operation: { type: 'tags', add: ['rush'] } },
    });
    expect(tags.results[0]).toMatchObject({ ok: true });
    expect(tags.results[1]).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await clerk.call(routes.getOrder, { params: { id: a.id } })).tags).toEqual(['rush']);
  });

  it('works on everything matching a filter, within scope', async () => {
    const fresh = await enter(clerk, 1);
    await clerk.call(routes.batchOrders, {
      body: { ids: [fresh.id], operation: { type: 'tags', add: ['nightly'] } },
    });
    const r = await clerk.call(routes.batchOrders, {
      body: { filter: { tag: 'nightly' }, operation: { type: 'custom_fields', values: { shift: 'night' } } },
    });
    expect(r.results.map((x) => x.id)).toEqual([fresh.id]);
    expect((await clerk.call(routes.getOrder, { params: { id: fresh.id } })).customFields).toEqual({
      shift: 'night',
    });
    const bad = await problemOf(
      clerk.call(routes.batchOrders, { body: { operation: { type: 'tags', add: ['x'] } } as never }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});

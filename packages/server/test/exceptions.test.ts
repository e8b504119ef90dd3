import { type ApiClient, createClient, type OrderException, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { events, outbox } from '../src/db/workflow-schema.ts';
import { fireDueTimers } from '../src/workflow/timers.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let clerk: ApiClient; // coordinator, store A
let clerkB: ApiClient; // coordinator, store B
let customer: ApiClient;
let skuA = '';

const staff = async (role: string, scope: 'store' | 'all', storeId?: string) =>
  s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);

async function customerClient(phone: string) {
  const { devCode } = await s.anon.call(routes.customerRequestCode, { body: { business: biz.slug, phone } });
  const { token } = await s.anon.call(routes.customerLogin, {
    body: { business: biz.slug, phone, code: devCode! },
  });
  return createClient({ baseUrl: s.url, token: () => token });
}

const order = (storeId: string, quantity = 1) =>
  customer.call(routes.customerCreateOrder, {
    body: { storeId, fulfilment: 'pickup', lines: [{ skuId: skuA, quantity }] },
    idempotencyKey: crypto.randomUUID(),
  });
const list = (c: ApiClient, query: Record<string, unknown> = {}) =>
  c.call(routes.listExceptions, { query: query as never });
const find = (items: OrderException[], kind: string, orderId: string) =>
  items.find((x) => x.kind === kind && x.order?.id === orderId);

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db, 'restaurant');
  admin = await staff('admin', 'all');
  clerk = await staff('coordinator', 'store', biz.storeA);
  clerkB = await staff('coordinator', 'store', biz.storeB);
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Noodles', skus: [{ code: 'NOODLE', price: 2200 }] },
  });
  skuA = p.skus[0]!.id;
  for (const storeId of [biz.storeA, biz.storeB])
    await admin.call(routes.adjustStock, {
      body: { storeId, skuId: skuA, mode: 'track', quantity: 20, reason: 'count' },
    });
  customer = await customerClient('13900005555');
}, 60_000);
afterAll(() => s.close());

describe('exceptions view', () => {
  it('an order past its SLA is overdue, then escalated past the second threshold; only its store sees it', async () => {
    const o = await order(biz.storeA);
    const b = await order(biz.storeB);
    expect(find((await list(clerk)).items, 'overdue', o.id)).toBeUndefined();
    s.clock.advance(7 * 60_000); // the 5-minute SLA of "submitted" is missed by 2 minutes
    await fireDueTimers(s.deps());
    const seen = await list(clerk, { kind: 'overdue' });
    const x = find(seen.items, 'overdue', o.id)!;
    expect(x).toMatchObject({
      severity: 'normal',
      lateMinutes: 2,
      storeId: biz.storeA,
      storeName: 'Store A',
      order: { number: o.number, state: 'submitted' },
    });
    expect(x.owner.roles.length).toBeGreaterThan(0);
    expect(seen.counts.overdue).toBe(1);
    // store scope, in SQL: A's clerk never sees B's order, and B's sees only B's
    expect(find(seen.items, 'overdue', b.id)).toBeUndefined();
    const other = await list(clerkB);
    expect(other.items.map((i) => i.order?.id)).toEqual([b.id]);
    expect((await list(admin, { kind: 'overdue' })).counts.overdue).toBe(2);
    // the overdue was raised on the live stream too
    const raised = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.orderId, o.id), eq(events.type, 'exception.raised')));
    expect(raised[0]?.payload).toMatchObject({ kind: 'overdue', escalated: false });

    s.clock.advance(9 * 60_000); // 16 minutes in: past SLA (5) + escalation (10)
    await fireDueTimers(s.deps());
    const later = find((await list(clerk)).items, 'overdue', o.id)!;
    expect([later.severity, later.lateMinutes]).toEqual(['escalated', 11]);

    // handled: accepting it starts a new SLA, and the exception is gone
    await clerk.call(routes.transitionOrder, { params: { id: o.id }, body: { action: 'accept' } });
    expect(find((await list(clerk)).items, 'overdue', o.id)).toBeUndefined();
    await clerkB.call(routes.transitionOrder, { params: { id: b.id }, body: { action: 'accept' } });
  });

  it('a submission refused for stock is recorded, listed for its store, acknowledged and resolved with audit', async () => {
    const refused = await problemOf(order(biz.storeA, 50));
    expect(refused.code).toBe('OUT_OF_STOCK');
    const { items, counts } = await list(clerk, { kind: 'out_of_stock_at_submission' });
    expect(counts.out_of_stock_at_submission).toBe(1);
    const x = items[0]!;
    expect(x).toMatchObject({
      kind: 'out_of_stock_at_submission',
      storeId: biz.storeA,
      order: null,
      data: { skus: [{ code: 'NOODLE', wanted: 50, available: expect.any(Number) }], by: 'customer' },
      incident: { status: 'open' },
    });
    expect((await list(clerkB, { kind: 'out_of_stock_at_submission' })).items).toEqual([]);
    // B's clerk may not touch A's incident
    const id = x.incident!.id;
    const denied = await problemOf(
      clerkB.call(routes.updateIncident, { params: { id }, body: { status: 'acknowledged' } }),
    );
    expect(denied.status).toBe(403);
    const ack = await clerk.call(routes.updateIncident, {
      params: { id },
      body: { status: 'acknowledged', note: 'Restocking tonight' },
    });
    expect(ack).toMatchObject({ status: 'acknowledged', note: 'Restocking tonight' });
    expect((await list(clerk, { kind: 'out_of_stock_at_submission' })).items[0]!.incident!.status).toBe(
      'acknowledged',
    );
    await clerk.call(routes.updateIncident, { params: { id }, body: { status: 'resolved' } });
    expect((await list(clerk, { kind: 'out_of_stock_at_submission' })).items).toEqual([]);
    const again = await problemOf(
      clerk.call(routes.updateIncident, { params: { id }, body: { status: 'resolved' } }),
    );
    expect(again.code).toBe('CONFLICT');
    const audit = await s.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'exception.out_of_stock_at_submission',
      'incident.acknowledge',
      'incident.resolve',
    ]);
  });

  it('dead deliveries are listed by channel (ERP push apart from notifications), in scope', async () => {
    const o = await order(biz.storeA);
    const [row] = await s.database.db.select().from(outbox).where(eq(outbox.businessId, biz.id)).limit(1);
    const dead = async (id: string, channel: string) =>
      s.database.db
        .update(outbox)
        .set({ status: 'dead', channel, attempts: 8, lastError: 'HTTP 502', nextAttemptAt: s.clock.now() })
        .where(eq(outbox.id, id));
    const mine = await s.database.db.select().from(outbox).where(eq(outbox.businessId, biz.id));
    const forOrder = mine.filter(
      (r) => (r.payload as { order?: { orderId: string } }).order?.orderId === o.id,
    );
    expect(forOrder.length).toBeGreaterThan(0);
    await dead(forOrder[0]!.id, 'webhook');
    await s.database.db.insert(outbox).values({
      ...row!,
      id: crypto.randomUUID(),
      channel: 'erp',
      payload: { order: { orderId: o.id, number: o.number, storeId: biz.storeA } },
      status: 'dead',
      lastError: 'ERP 500',
      nextAttemptAt: s.clock.now(),
    });
    const all = await list(clerk, { kind: 'erp_push_failed,notification_failed' });
    expect(all.counts).toMatchObject({ erp_push_failed: 1, notification_failed: 1 });
    const erp = all.items.find((i) => i.kind === 'erp_push_failed')!;
    expect(erp).toMatchObject({ order: { id: o.id }, data: { channel: 'erp', error: 'ERP 500' } });
    expect(all.items.find((i) => i.kind === 'notification_failed')!.detail).toContain('webhook');
    expect((await list(clerk, { kind: 'erp_push_failed' })).items).toHaveLength(1);
    expect((await list(clerkB, { kind: 'erp_push_failed,notification_failed' })).items).toEqual([]);
  });

  it('pages by keyset without repeats, filters by store, and refuses a bad kind or cursor', async () => {
    const whole = await list(admin, { limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await list(admin, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    const onlyB = await list(admin, { storeId: biz.storeB });
    expect(onlyB.items.every((i) => i.storeId === biz.storeB)).toBe(true);
    const sum = await admin.call(routes.exceptionSummary, { query: {} });
    expect(sum.total).toBe(Object.values(whole.counts).reduce((a, b) => a + b, 0));
    expect((await problemOf(list(admin, { kind: 'nonsense' }))).code).toBe('VALIDATION_FAILED');
    expect((await problemOf(list(admin, { cursor: 'zz' }))).code).toBe('VALIDATION_FAILED');
  });
  it('a rejected order is listed with its reason until it ages out', async () => {
    const o = await order(biz.storeA);
    await clerk.call(routes.transitionOrder, {
      params: { id: o.id },
      body: { action: 'reject', input: { reason: 'Kitchen closed' } },
    });
    const x = find((await list(clerk, { kind: 'rejected' })).items, 'rejected', o.id)!;
    expect(x.data).toMatchObject({ action: 'reject', reason: 'Kitchen closed' });
    expect(x.detail).toContain('Kitchen closed');
    expect(find((await list(clerkB, { kind: 'rejected' })).items, 'rejected', o.id)).toBeUndefined();
    s.clock.advance(8 * 24 * 60 * 60_000); // past the 7-day look-back (sessions lapse too: sign in again)
    const later = await staff('coordinator', 'store', biz.storeA);
    expect(find((await list(later, { kind: 'rejected' })).items, 'rejected', o.id)).toBeUndefined();
  });
});

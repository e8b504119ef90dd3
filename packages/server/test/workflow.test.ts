import { type ApiClient, createClient, routes } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockLevels, stockMovements } from '../src/db/catalog-schema.ts';
import { outbox, timers } from '../src/db/workflow-schema.ts';
import { fireDueTimers } from '../src/workflow/timers.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let clerk: ApiClient; // coordinator, store A
let clerkB: ApiClient; // coordinator, store B
let kitchen: ApiClient; // production, store A
let boss: ApiClient; // leadership: reads everything, moves nothing
let customer: ApiClient;
let other: ApiClient; // another customer
let skuId = '';

const staff = async (role: string, scope: 'store' | 'all', storeId?: string) =>
  s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);

async function customerClient(phone: string) {
  const { devCode } = await s.anon.call(routes.customerRequestCode, { body: { business: biz.slug, phone } });
  const { token } = await s.anon.call(routes.customerLogin, {
    body: { business: biz.slug, phone, code: devCode! },
  });
  return createClient({ baseUrl: s.url, token: () => token });
}

const stock = async () => {
  const [l] = await s.database.db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.skuId, skuId), eq(stockLevels.storeId, biz.storeA)));
  return { onHand: l!.onHand, reserved: l!.reserved };
};

const customerOrder = (c = customer, quantity = 2) =>
  c.call(routes.customerCreateOrder, {
    body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [{ skuId, quantity }] },
    idempotencyKey: crypto.randomUUID(),
  });

const act = (c: ApiClient, id: string, action: string, extra: Record<string, unknown> = {}) =>
  c.call(routes.transitionOrder, { params: { id }, body: { action, ...extra } as never });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db, 'restaurant');
  admin = await staff('admin', 'all');
  clerk = await staff('coordinator', 'store', biz.storeA);
  clerkB = await staff('coordinator', 'store', biz.storeB);
  kitchen = await staff('production', 'store', biz.storeA);
  boss = await staff('leadership', 'all');
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Dumplings', skus: [{ code: 'DUMP', price: 1800 }] },
  });
  skuId = p.skus[0]!.id;
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId, mode: 'track', quantity: 100, reason: 'count' },
  });
  customer = await customerClient('13900002222');
  other = await customerClient('13900003333');
}, 60_000);
afterAll(() => s.close());

describe('restaurant workflow', () => {
  it('runs submitted → accepted → preparing → ready → completed with the roles that may', async () => {
    const o = await customerOrder();
    expect(o.state).toBe('submitted');
    expect(await stock()).toEqual({ onHand: 100, reserved: 2 });

    const view = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect(view.workflow!.allowedActions.map((a) => a.action)).toEqual(['accept', 'reject']);
    expect((await boss.call(routes.getOrder, { params: { id: o.id } })).workflow!.allowedActions).toEqual([]);

    // leadership sees the order but may not move it; store B cannot even see it
    expect((await problemOf(act(boss, o.id, 'accept'))).code).toBe('FORBIDDEN');
    expect((await problemOf(act(clerkB, o.id, 'accept'))).code).toBe('FORBIDDEN');
    // the kitchen may not start what nobody accepted
    const early = await problemOf(act(kitchen, o.id, 'start'));
    expect(early).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', meta: { state: 'submitted' } });

    const accepted = await act(clerk, o.id, 'accept', { expectedVersion: 1, input: { prepMinutes: 15 } });
    expect(accepted).toMatchObject({ state: 'accepted', version: 2 });
    await act(kitchen, o.id, 'start');
    await act(kitchen, o.id, 'ready');
    const done = await act(clerk, o.id, 'complete');
    expect(done.workflow).toMatchObject({ state: 'completed', category: 'done', allowedActions: [] });
    expect(done.workflow!.history.map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['submit', 'draft', 'submitted'],
      ['accept', 'submitted', 'accepted'],
      ['start', 'accepted', 'preparing'],
      ['ready', 'preparing', 'ready'],
      ['complete', 'ready', 'completed'],
    ]);
    expect(done.workflow!.history[1]!.input).toEqual({ prepMinutes: 15 });
    // completion commits the reservation: the dumplings left the shelf
    expect(await stock()).toEqual({ onHand: 98, reserved: 0 });
    // the customer is told at acceptance and at ready, through the outbox
    const sent = await s.database.db.select().from(outbox).where(eq(outbox.channel, 'customer_message'));
    const events = sent.filter((r) => (r.payload.order as { orderId: string }).orderId === o.id);
    expect(events.map((r) => r.payload.event).sort()).toEqual(['order_accepted', 'order_ready']);
  });

  it('reject needs a reason, releases the stock and tells the customer', async () => {
    const o = await customerOrder(customer, 3);
    const before = await stock();
    const p = await problemOf(act(clerk, o.id, 'reject'));
    expect(p).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body.input.reason' }] });
    const r = await act(clerk, o.id, 'reject', { input: { reason: 'Kitchen closed' } });
    expect(r).toMatchObject({ state: 'rejected', stockReserved: false });
    expect(await stock()).toEqual({ onHand: before.onHand, reserved: before.reserved - 3 });
  });

  it('the customer may cancel before acceptance, not after, and only their own order', async () => {
    const a = await customerOrder();
    expect(
      (
        await problemOf(
          other.call(routes.customerTransitionOrder, { params: { id: a.id }, body: { action: 'cancel' } }),
        )
      ).status,
    ).toBe(404);
    const view = await customer.call(routes.customerGetOrder, { params: { id: a.id } });
    expect(view.workflow!.allowedActions.map((x) => x.action)).toEqual(['cancel']);
    const c = await customer.call(routes.customerTransitionOrder, {
      params: { id: a.id },
      body: { action: 'cancel' },
    });
    expect(c.state).toBe('cancelled');

    const b = await customerOrder();
    await act(clerk, b.id, 'accept');
    const late = await problemOf(
      customer.call(routes.customerTransitionOrder, { params: { id: b.id }, body: { action: 'cancel' } }),
    );
    expect(late).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', meta: { state: 'accepted' } });
    // staff cancel with a reason instead
    expect((await act(clerk, b.id, 'store_cancel', { input: { reason: 'Out of gas' } })).state).toBe(
      'cancelled',
    );
  });

  it('two staff clicking at once: one moves the order, the other gets a conflict naming the state', async () => {
    const o = await customerOrder();
    const clerk2 = await staff('coordinator', 'store', biz.storeA);
    const results = await Promise.allSettled([
      act(clerk, o.id, 'accept', { expectedVersion: 1 }),
      act(clerk2, o.id, 'reject', { expectedVersion: 1, input: { reason: 'busy' } }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const lost = await problemOf(
      Promise.reject((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason),
    );
    expect(lost.code).toBe('VERSION_CONFLICT');
    expect(lost.meta).toMatchObject({ version: 2 });
    const after = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect(after.workflow!.history).toHaveLength(2);
  });

  it('a repeated request is a no-op, and a late one never moves the order backwards', async () => {
    const o = await customerOrder();
    const first = await act(clerk, o.id, 'accept', { expectedVersion: 1 });
    const again = await Promise.all([1, 2, 3].map(() => act(clerk, o.id, 'accept', { expectedVersion: 1 })));
    for (const a of again) expect(a).toMatchObject({ state: 'accepted', version: first.version });
    await act(kitchen, o.id, 'start');
    // a stale client replays "accept" without a version: not allowed from preparing
    expect((await problemOf(act(clerk, o.id, 'accept'))).code).toBe('TRANSITION_NOT_ALLOWED');
    const v = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect([v.state, v.version, v.workflow!.history.length]).toEqual(['preparing', 3, 3]);
  });

  it('auto-cancels an order nobody accepted in time, exactly once, and raises overdue first', async () => {
    const o = await customerOrder(customer, 1);
    s.clock.advance(6 * 60_000); // past the 5-minute SLA
    await fireDueTimers(s.deps());
    const overdue = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect(overdue.workflow).toMatchObject({ state: 'submitted', overdue: true });
    s.clock.advance(30 * 60_000);
    const fired = await Promise.all([fireDueTimers(s.deps()), fireDueTimers(s.deps())]);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const gone = await clerk.call(routes.getOrder, { params: { id: o.id } });
    expect(gone.state).toBe('cancelled');
    expect(gone.workflow!.history.filter((h) => h.action === 'auto_cancel')).toHaveLength(1);
    expect(gone.workflow!.history.at(-1)!.actorType).toBe('system');
    const held = await s.database.db
      .select({ n: sql<number>`sum(${stockMovements.deltaReserved})::int` })
      .from(stockMovements)
      .where(eq(stockMovements.orderId, o.id));
    expect(held[0]!.n).toBe(0);
    const left = await s.database.db
      .select()
      .from(timers)
      .where(and(eq(timers.orderId, o.id), eq(timers.status, 'pending')));
    expect(left).toEqual([]);
  });
});

import { createClient, routes, type WorkflowDefinition } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { payments } from '../src/db/payment-schema.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD } from './factories.ts';
import { biz, c, newOrder, order, pay, s, usePaymentsFixture, voidIt } from './payments-fixture.ts';

// What guards the payment ledger: idempotent retries, the row lock against two tills, access and
// scope, and a workflow transition guarded by payment status.
usePaymentsFixture();

describe('retries and concurrency', () => {
  it('replays a retry with the same Idempotency-Key instead of recording twice', async () => {
    const o = await newOrder();
    const replayed: string[] = [];
    const client = createClient({
      baseUrl: s.url,
      token: () => c.cashierA.token,
      onResponse: (res) => replayed.push(res.headers.get('idempotent-replayed') ?? ''),
    });
    const once = await pay(client, o.id, 25_000, { key: 'till-1-receipt-0042' });
    const twice = await pay(client, o.id, 25_000, { key: 'till-1-receipt-0042' });
    expect(twice).toEqual(once);
    expect(replayed).toEqual(['', 'true']);
    expect(await s.database.db.select().from(payments).where(eq(payments.orderId, o.id))).toHaveLength(1);
    const after = await order(o.id);
    expect([after.paymentStatus, after.version]).toEqual(['partially_paid', o.version + 1]);
    // the same key for another request is a client bug, not a replay
    const reused = await problemOf(pay(client, o.id, 26_000, { key: 'till-1-receipt-0042' }));
    expect([reused.status, reused.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // a refused request frees its key for the corrected retry
    const refused = await problemOf(pay(client, o.id, o.total, { key: 'till-1-receipt-0043' }));
    expect(refused.status).toBe(400);
    const corrected = await pay(client, o.id, o.total - 25_000, { key: 'till-1-receipt-0043' });
    expect(corrected.summary.paymentStatus).toBe('paid');
  });

  it('two tills paying at once cannot overpay: exactly one of two payments that together exceed the total succeeds', async () => {
    const o = await newOrder();
    const amount = Math.ceil(o.total * 0.6);
    const results = await Promise.allSettled([pay(c.cashierA, o.id, amount), pay(c.cashierA2, o.id, amount)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    const problem = await problemOf(Promise.reject((failed as PromiseRejectedResult).reason));
    expect([problem.status, problem.fields?.[0]?.field]).toEqual([400, 'body.amount']);
    const rows = await s.database.db.select().from(payments).where(eq(payments.orderId, o.id));
    expect(rows.map((r) => r.amount)).toEqual([amount]);
    const after = await order(o.id);
    expect([after.paymentStatus, after.version]).toEqual(['partially_paid', o.version + 1]);
  });
});

describe('access', () => {
  it('needs payments.record to record or void; orders.read to list', async () => {
    const o = await newOrder();
    const paid = await pay(c.cashierA, o.id, 5_000);
    const p = await problemOf(pay(c.productionA, o.id, 5_000));
    expect([p.status, p.code]).toEqual([403, 'FORBIDDEN']);
    expect((await problemOf(voidIt(c.productionA, o.id, paid.payment.id))).status).toBe(403);
    const seen = await c.productionA.call(routes.listOrderPayments, { params: { id: o.id } });
    expect(seen.items).toHaveLength(1);
    expect(seen.canRecord).toBe(false);
  });

  it("another store's cashier is refused like the order itself (403); another business sees nothing (404)", async () => {
    const o = await newOrder();
    const read = await problemOf(c.cashierB.call(routes.getOrder, { params: { id: o.id } }));
    const p = await problemOf(pay(c.cashierB, o.id, 5_000));
    expect(p.status).toBe(read.status);
    expect(p.status).toBe(403);
    expect(
      (await problemOf(c.cashierB.call(routes.listOrderPayments, { params: { id: o.id } }))).status,
    ).toBe(403);
    expect((await problemOf(pay(c.otherAdmin, o.id, 5_000))).status).toBe(404);
    expect(
      (await problemOf(c.otherAdmin.call(routes.listOrderPayments, { params: { id: o.id } }))).status,
    ).toBe(404);
    expect((await order(o.id)).paymentStatus).toBe('unpaid');
    // and store B's cashier works in store B, in its currency
    const b = await newOrder(biz.storeB, 1);
    const inB = await pay(c.cashierB, b.id, b.total);
    expect(inB.summary).toMatchObject({ currency: 'JPY', paymentStatus: 'paid' });
  });
});

describe('workflow conditions on payment status', () => {
  it('a transition guarded by payment status is refused before payment and allowed after', async () => {
    const rest = await makeBusiness(s.database.db, 'restaurant');
    const admin = await s.loginToken(
      (await makeUser(s.database.db, rest, [{ role: 'admin', scope: 'all' }])).username,
      PASSWORD,
    );
    const cashier = await s.loginToken(
      (await makeUser(s.database.db, rest, [{ role: 'cashier', scope: 'store', storeId: rest.storeA }]))
        .username,
      PASSWORD,
    );
    // pay at the counter before the kitchen accepts
    const [wf] = (await admin.call(routes.listWorkflows)).items;
    const d = structuredClone(wf!.definition) as WorkflowDefinition;
    const accept = d.transitions.find((t) => t.action === 'accept')!;
    accept.conditions = [...accept.conditions, { type: 'payment_status', in: ['paid'] }];
    await admin.call(routes.publishWorkflow, { body: { definition: d } });

    const p = await admin.call(routes.createProduct, {
      body: { name: 'Beef noodles', skus: [{ code: 'BEEF-1', price: 3_200 }] },
    });
    const o = await admin.call(routes.createOrder, {
      body: { storeId: rest.storeA, fulfilment: 'pickup', lines: [{ skuId: p.skus[0]!.id, quantity: 1 }] },
    });
    expect(o.state).toBe('submitted');
    const accept_ = (expectedVersion: number) =>
      cashier.call(routes.transitionOrder, {
        params: { id: o.id },
        body: { action: 'accept', expectedVersion, input: {} },
      });
    const refused = await problemOf(accept_(o.version));
    expect([refused.status, refused.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);

    const paid = await pay(cashier, o.id, o.total);
    expect(paid.summary).toMatchObject({ paymentStatus: 'paid', orderVersion: o.version + 1 });
    // the payment moved the version: the version seen before it is stale now
    expect((await problemOf(accept_(o.version))).code).toBe('VERSION_CONFLICT');
    const accepted = await accept_(paid.summary.orderVersion);
    expect([accepted.state, accepted.paymentStatus, accepted.version]).toEqual([
      'accepted',
      'paid',
      o.version + 2,
    ]);
  });
});

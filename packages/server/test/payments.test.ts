import { createClient, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { payments } from '../src/db/payment-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { events } from '../src/db/workflow-schema.ts';
import { problemOf } from './expect-problem.ts';
import {
  biz,
  c,
  newOrder,
  order,
  pay,
  refund,
  s,
  skuId,
  usePaymentsFixture,
  voidIt,
} from './payments-fixture.ts';

// Offline payments and refunds recorded at the counter: the ledger, the order's payment status and
// version, the limits (no overpaying, no refunding more than paid, no payments on cancelled orders),
// voiding, edits after payment, and complaint refunds paid out.
usePaymentsFixture();

describe('recording payments', () => {
  it('a partial payment, then the rest: status and version follow each step, with an event and an audit entry', async () => {
    const o = await newOrder();
    expect(o.paymentStatus).toBe('unpaid');
    const total = o.total;
    expect(total).toBeGreaterThan(30_000);

    const first = await pay(c.cashierA, o.id, 30_000, { method: 'card', reference: 'POS-0001' });
    expect(first.payment).toMatchObject({
      orderId: o.id,
      kind: 'payment',
      method: 'card',
      amount: 30_000,
      currency: 'CNY',
      reference: 'POS-0001',
      voided: null,
    });
    expect(first.summary).toEqual({
      currency: 'CNY',
      total,
      paid: 30_000,
      refunded: 0,
      net: 30_000,
      outstanding: total - 30_000,
      paymentStatus: 'partially_paid',
      orderVersion: o.version + 1,
    });
    const afterFirst = await order(o.id);
    expect([afterFirst.paymentStatus, afterFirst.version]).toEqual(['partially_paid', o.version + 1]);

    const rest = await pay(c.cashierA, o.id, total - 30_000, { method: 'wechat_offline' });
    expect(rest.summary).toMatchObject({ paid: total, outstanding: 0, paymentStatus: 'paid' });
    const afterRest = await order(o.id);
    expect([afterRest.paymentStatus, afterRest.version]).toEqual(['paid', o.version + 2]);

    const list = await c.cashierA.call(routes.listOrderPayments, { params: { id: o.id } });
    expect(list.items.map((i) => [i.method, i.amount])).toEqual([
      ['card', 30_000],
      ['wechat_offline', total - 30_000],
    ]);
    expect(list.items[0]!.recordedBy.name).toMatch(/^u/);
    expect(list.canRecord).toBe(true);
    expect(list.summary.paymentStatus).toBe('paid');

    const evs = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.orderId, o.id), eq(events.type, 'order.payment_recorded')));
    expect(evs.map((e) => e.payload.paymentStatus)).toEqual(['partially_paid', 'paid']);
    expect(evs[0]).toMatchObject({
      storeId: biz.storeA,
      payload: { paymentId: first.payment.id, amount: 30_000 },
    });
    const audits = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'payment.recorded')));
    expect(audits).toHaveLength(2);
    expect(audits[0]!.changes).toMatchObject({
      paymentStatus: { before: 'unpaid', after: 'partially_paid' },
      amount: { before: null, after: 30_000 },
    });
  });

  it('refuses to take more than is outstanding, naming the amount field, in the reader’s language', async () => {
    const o = await newOrder();
    await pay(c.cashierA, o.id, 10_000);
    const outstanding = o.total - 10_000;
    const p = await problemOf(pay(c.cashierA, o.id, outstanding + 1));
    expect([p.status, p.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(p.fields).toEqual([expect.objectContaining({ field: 'body.amount', code: 'max' })]);
    expect(p.meta).toMatchObject({ max: outstanding });
    expect(p.fields?.[0]?.message).toBe(p.detail);
    const detail = async (locale: string) => {
      const client = createClient({ baseUrl: s.url, token: () => c.cashierA.token, locale: () => locale });
      return (await problemOf(pay(client, o.id, outstanding + 1))).detail;
    };
    const yuan = (outstanding / 100).toLocaleString('en', { minimumFractionDigits: 2 });
    expect(await detail('en')).toBe(
      `The payment may be at most what is outstanding on the order: CN¥${yuan}.`,
    );
    expect(await detail('zh-CN')).toBe(`收款金额不能超过订单未付金额 ¥${yuan}。`);
    expect(await detail('ja')).toContain('未払額');
    // nothing was written by the refusals
    const after = await order(o.id);
    expect([after.paymentStatus, after.version]).toEqual(['partially_paid', o.version + 1]);
    expect(await s.database.db.select().from(payments).where(eq(payments.orderId, o.id))).toHaveLength(1);
  });

  it('validates the request: a positive whole amount and a known method', async () => {
    const o = await newOrder();
    for (const amount of [0, -5, 1.5]) {
      const p = await problemOf(pay(c.cashierA, o.id, amount));
      expect([p.status, p.fields?.[0]?.field]).toEqual([400, 'body.amount']);
    }
    const p = await problemOf(
      c.cashierA.call(routes.recordPayment, {
        params: { id: o.id },
        // biome-ignore lint/suspicious/noExplicitAny: an unknown method on purpose
        body: { method: 'bitcoin' as any, amount: 100 },
      }),
    );
    expect([p.status, p.fields?.[0]?.field]).toEqual([400, 'body.method']);
  });
});

describe('edits after payment', () => {
  it('a paid order whose lines grow owes the difference again', async () => {
    const o = await newOrder(biz.storeA, 1);
    const paid = await pay(c.cashierA, o.id, o.total);
    expect(paid.summary.paymentStatus).toBe('paid');
    const grown = await c.admin.call(routes.editOrder, {
      params: { id: o.id },
      body: { expectedVersion: paid.summary.orderVersion, lines: [{ skuId, quantity: 2 }] },
    });
    expect([grown.total, grown.paymentStatus]).toEqual([2 * o.total, 'partially_paid']);
  });
});

describe('refunds and voiding', () => {
  it('refunds at most what was paid; refunding everything makes the order refunded', async () => {
    const o = await newOrder();
    await pay(c.cashierA, o.id, o.total);
    const tooMuch = await problemOf(refund(c.cashierA, o.id, o.total + 1));
    expect([tooMuch.status, tooMuch.fields?.[0]?.field]).toEqual([400, 'body.amount']);
    expect(tooMuch.meta).toMatchObject({ max: o.total });

    const part = await refund(c.cashierA, o.id, 20_000);
    expect(part.summary).toMatchObject({ net: o.total - 20_000, paymentStatus: 'partially_paid' });
    const all = await refund(c.cashierA, o.id, o.total - 20_000);
    expect(all.summary).toMatchObject({ net: 0, refunded: o.total, paymentStatus: 'refunded' });
    const after = await order(o.id);
    expect([after.paymentStatus, after.version]).toEqual(['refunded', o.version + 3]);
    const a = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'payment.refund_recorded')));
    expect(a).toHaveLength(2);
  });

  it('voids a mistaken entry: kept in the ledger with who and why, and the status follows', async () => {
    const o = await newOrder();
    const first = await pay(c.cashierA, o.id, o.total);
    expect(first.summary.paymentStatus).toBe('paid');
    const voided = await voidIt(c.cashierA2, o.id, first.payment.id);
    expect(voided.payment.voided).toMatchObject({
      reason: 'Keyed in twice',
      by: { name: expect.any(String) },
    });
    expect(voided.summary).toMatchObject({ paid: 0, paymentStatus: 'unpaid', orderVersion: o.version + 2 });
    const after = await order(o.id);
    expect([after.paymentStatus, after.version]).toEqual(['unpaid', o.version + 2]);

    const list = await c.cashierA.call(routes.listOrderPayments, { params: { id: o.id } });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.voided?.reason).toBe('Keyed in twice');

    const again = await problemOf(voidIt(c.cashierA, o.id, first.payment.id));
    expect([again.status, again.code]).toEqual([409, 'CONFLICT']);
    const noReason = await problemOf(voidIt(c.cashierA, o.id, first.payment.id, '  '));
    expect([noReason.status, noReason.fields?.[0]?.field]).toEqual([400, 'body.reason']);
    const unknown = await problemOf(voidIt(c.cashierA, o.id, '00000000-0000-7000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    // the entry of another order is not found under this one
    const elsewhere = await newOrder();
    expect((await problemOf(voidIt(c.cashierA, elsewhere.id, first.payment.id))).status).toBe(404);

    const ev = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.orderId, o.id), eq(events.type, 'order.payment_voided')));
    expect(ev[0]?.payload).toMatchObject({ paymentId: first.payment.id, paymentStatus: 'unpaid' });
    const audit = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'payment.voided')));
    expect(audit[0]!.changes).toMatchObject({ reason: { before: null, after: 'Keyed in twice' } });
  });

  it('refuses a void that would leave refunds above payments', async () => {
    const o = await newOrder();
    const paid = await pay(c.cashierA, o.id, 40_000);
    await refund(c.cashierA, o.id, 40_000);
    const p = await problemOf(voidIt(c.cashierA, o.id, paid.payment.id));
    expect([p.status, p.code]).toEqual([409, 'CONFLICT']);
    expect((await order(o.id)).paymentStatus).toBe('refunded');
  });

  it('a cancelled order takes no payment but may still refund', async () => {
    const o = await newOrder();
    await pay(c.cashierA, o.id, 10_000);
    await c.admin.call(routes.transitionOrder, {
      params: { id: o.id },
      body: { action: 'cancel', expectedVersion: o.version + 1, input: { reason: 'Customer left' } },
    });
    const p = await problemOf(pay(c.cashierA, o.id, 1_000));
    expect([p.status, p.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    const back = await refund(c.cashierA, o.id, 10_000);
    expect(back.summary.paymentStatus).toBe('refunded');
  });
});

describe('complaint refunds paid out at the counter', () => {
  it("a refund can pay out a complaint's refund decision, which turns refunded; voiding it reopens the decision", async () => {
    const o = await newOrder();
    await pay(c.cashierA, o.id, o.total);
    const filed = await c.admin.call(routes.fileComplaint, {
      params: { id: o.id },
      body: { kind: 'refund', description: 'One desk arrived broken' },
    });
    const decided = await c.admin.call(routes.decideRefund, {
      params: { id: filed.id },
      body: { amount: 50_000, expectedVersion: filed.version },
    });
    const decisionId = decided.refunds[0]!.id;
    const payOut = (amount: number, kind: 'payment' | 'refund' = 'refund') =>
      c.cashierA.call(routes.recordPayment, {
        params: { id: o.id },
        body: { kind, method: 'bank_transfer', amount, refundDecisionId: decisionId },
      });
    for (const wrong of [payOut(40_000), payOut(50_000, 'payment')]) {
      const p = await problemOf(wrong);
      expect([p.status, p.fields?.[0]?.field]).toEqual([400, 'body.refundDecisionId']);
    }
    const other = await newOrder();
    await pay(c.cashierA, other.id, other.total);
    const elsewhere = await problemOf(
      c.cashierA.call(routes.recordPayment, {
        params: { id: other.id },
        body: { kind: 'refund', method: 'cash', amount: 50_000, refundDecisionId: decisionId },
      }),
    );
    expect(elsewhere.fields?.[0]?.field).toBe('body.refundDecisionId');

    const paidOut = await payOut(50_000);
    expect(paidOut.payment).toMatchObject({ kind: 'refund', refundDecisionId: decisionId });
    expect(paidOut.summary.paymentStatus).toBe('partially_paid');
    const status = async () =>
      (await c.admin.call(routes.getComplaint, { params: { id: filed.id } })).refunds[0]!.status;
    expect(await status()).toBe('refunded');
    // paid out once only
    expect((await problemOf(payOut(50_000))).fields?.[0]?.field).toBe('body.refundDecisionId');
    await voidIt(c.cashierA, o.id, paidOut.payment.id, 'Wrong account');
    expect(await status()).toBe('decided');
    expect((await order(o.id)).paymentStatus).toBe('paid');
  });
});

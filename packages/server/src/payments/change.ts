import type { PaymentResult, recordPaymentSchema, voidPaymentSchema } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { payments } from '../db/payment-schema.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, ConflictError, NotFoundError, WorkflowError } from '../lib/errors.ts';
import {
  claimIdempotency,
  completeIdempotency,
  releaseIdempotency,
  requestHash,
} from '../lib/idempotency.ts';
import { newId } from '../lib/ids.ts';
import { formatAmount } from '../notifications/templates.ts';
import { currentWorkflow, stateOf, workflowById } from '../workflow/definitions.ts';
import { recordEvent } from '../workflow/effects.ts';
import { type OrderRow, paymentOrder } from './access.ts';
import { paymentsOf, totalsOf } from './ledger.ts';
import { payOutDecision, reopenDecision } from './refund-decision.ts';
import { paymentStatusOf, summaryOf, type Totals } from './status.ts';

type RecordInput = z.output<typeof recordPaymentSchema>;
type VoidInput = z.output<typeof voidPaymentSchema>;
export type Recorded = { result: PaymentResult; replayed: boolean };

/** Locks the order row: two cashiers at two tills change its ledger one after the other. */
async function lockOrder(tx: Tx, id: string): Promise<OrderRow> {
  const [o] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
  return o!;
}

/** 400 on the amount field; the problem's detail (also the field's message) names the limit. */
const amountError = (
  key: 'payment.overpaid' | 'payment.refundTooLarge',
  limit: number,
  o: OrderRow,
  ctx: Ctx,
) => {
  const money = formatAmount(limit, o.currency, ctx.locale);
  const vars: Record<string, string> =
    key === 'payment.overpaid' ? { outstanding: money } : { refundable: money };
  const err = new AppError('VALIDATION_FAILED', { key, vars });
  err.fields = [{ field: 'body.amount', code: 'max', message: '' }];
  err.meta = { max: limit };
  return err;
};

/** A cancelled (or rejected) order takes no more money; it may still give money back. */
async function assertTakesPayments(tx: Tx, ctx: Ctx, o: OrderRow) {
  const wf = o.workflowId ? await workflowById(tx, o.workflowId) : await currentWorkflow(tx, o.businessId);
  const state = stateOf(wf.definition, o.state);
  if (state?.category === 'cancelled')
    throw new WorkflowError(
      'TRANSITION_NOT_ALLOWED',
      { key: 'payment.orderCancelled', vars: { state: state.name[ctx.locale] ?? o.state } },
      { state: o.state, version: o.version },
    );
}

/**
 * The ledger changed: the order's payment status follows, its version moves (so a stale edit or
 * transition sees a conflict), and the change goes out as one event (live streams, reports) and
 * one audit entry on the order — all in the caller's transaction.
 */
async function settle(
  tx: Tx,
  ctx: Ctx,
  o: OrderRow,
  totals: Totals,
  event: { type: string; action: string; paymentId: string; detail: Record<string, unknown> },
) {
  const now = ctx.clock.now();
  const status = paymentStatusOf(o.total, totals);
  const [row] = await tx
    .update(orders)
    .set({ paymentStatus: status, version: o.version + 1, updatedAt: now })
    .where(eq(orders.id, o.id))
    .returning();
  await recordEvent(
    tx,
    row!,
    event.type,
    {
      paymentId: event.paymentId,
      number: o.number,
      paymentStatus: status,
      version: row!.version,
      customerId: o.customerId,
      salesRepId: o.salesRepId,
      ...event.detail,
    },
    now,
  );
  await recordAudit(tx, ctx, {
    action: event.action,
    entityType: 'order',
    entityId: o.id,
    storeId: o.storeId,
    businessId: o.businessId,
    before: { paymentStatus: o.paymentStatus, version: o.version },
    after: { paymentStatus: status, version: row!.version, paymentId: event.paymentId, ...event.detail },
  });
  return summaryOf(row!, totals);
}

/**
 * Records money taken or given back at the counter. A payment may not take the order past its
 * total, a refund may not give back more than was paid; with an Idempotency-Key a retry after a
 * lost answer gets the first answer instead of a second entry.
 */
export async function recordPayment(
  ctx: Ctx,
  orderId: string,
  input: RecordInput,
  key: string | undefined,
): Promise<Recorded> {
  const { o: found, scope } = await paymentOrder(ctx, ctx.db, orderId, 'payments.record');
  const actor = scope.actor;
  const outcome = await claimIdempotency<PaymentResult>(ctx.db, {
    owner: `user:${actor.userId}`,
    key,
    required: false,
    hash: requestHash('recordPayment', { orderId, ...input }),
    now: ctx.clock.now(),
  });
  if (outcome.kind === 'replay') return { result: outcome.body, replayed: true };
  try {
    const result = await ctx.db.transaction(async (tx) => {
      const o = await lockOrder(tx, found.id);
      const refundDecisionId = await payOutDecision(tx, ctx, o, input);
      const before = await totalsOf(tx, o.id);
      const net = before.paid - before.refunded;
      if (input.kind === 'payment') {
        await assertTakesPayments(tx, ctx, o);
        const outstanding = Math.max(0, o.total - net);
        if (input.amount > outstanding) throw amountError('payment.overpaid', outstanding, o, ctx);
      } else if (input.amount > net) throw amountError('payment.refundTooLarge', Math.max(0, net), o, ctx);

      const now = ctx.clock.now();
      const id = newId(now.getTime());
      await tx.insert(payments).values({
        id,
        businessId: o.businessId,
        orderId: o.id,
        kind: input.kind,
        method: input.method,
        amount: input.amount,
        currency: o.currency,
        reference: input.reference || null,
        note: input.note || null,
        refundDecisionId,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      const totals =
        input.kind === 'payment'
          ? { ...before, paid: before.paid + input.amount }
          : { ...before, refunded: before.refunded + input.amount };
      const summary = await settle(tx, ctx, o, totals, {
        type: 'order.payment_recorded',
        action: input.kind === 'payment' ? 'payment.recorded' : 'payment.refund_recorded',
        paymentId: id,
        detail: {
          kind: input.kind,
          method: input.method,
          amount: input.amount,
          currency: o.currency,
          reference: input.reference || null,
          ...(refundDecisionId ? { refundDecisionId } : {}),
        },
      });
      const [payment] = await paymentsOf(tx, o.id, id);
      const answer = { payment: payment!, summary };
      await completeIdempotency(tx, outcome.claim, 201, answer);
      return answer;
    });
    return { result, replayed: false };
  } catch (err) {
    await releaseIdempotency(ctx.db, outcome.claim);
    throw err;
  }
}

/**
 * Voids a mistaken entry: it stays in the ledger, struck through, with who and why. Refused when
 * what is left would not add up (refunds above payments, or payments above the total).
 */
export async function voidPayment(
  ctx: Ctx,
  orderId: string,
  paymentId: string,
  input: VoidInput,
): Promise<PaymentResult> {
  const { o: found, scope } = await paymentOrder(ctx, ctx.db, orderId, 'payments.record');
  return ctx.db.transaction(async (tx) => {
    const o = await lockOrder(tx, found.id);
    const [p] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.orderId, o.id)));
    if (!p) throw new NotFoundError('payment');
    if (p.voidedAt) throw new ConflictError('CONFLICT', { key: 'payment.alreadyVoided' });
    const before = await totalsOf(tx, o.id);
    const totals =
      p.kind === 'payment'
        ? { ...before, paid: before.paid - p.amount }
        : { ...before, refunded: before.refunded - p.amount };
    const net = totals.paid - totals.refunded;
    if (net < 0 || (p.kind === 'refund' && net > o.total))
      throw new ConflictError('CONFLICT', {
        key: 'payment.voidUnbalanced',
        vars: {
          net: formatAmount(net, o.currency, ctx.locale),
          total: formatAmount(o.total, o.currency, ctx.locale),
        },
      });
    const now = ctx.clock.now();
    await tx
      .update(payments)
      .set({ voidedAt: now, voidedBy: scope.actor.userId, voidReason: input.reason })
      .where(eq(payments.id, p.id));
    await reopenDecision(tx, p.refundDecisionId);
    const summary = await settle(tx, ctx, o, totals, {
      type: 'order.payment_voided',
      action: 'payment.voided',
      paymentId: p.id,
      detail: {
        kind: p.kind,
        method: p.method,
        amount: p.amount,
        currency: p.currency,
        reason: input.reason,
      },
    });
    const [payment] = await paymentsOf(tx, o.id, p.id);
    return { payment: payment!, summary };
  });
}

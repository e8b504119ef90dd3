import { and, eq } from 'drizzle-orm';
import { refundDecisions } from '../db/complaint-schema.ts';
import type { Tx } from '../db/connect.ts';
import type { Ctx } from '../http/context.ts';
import { AppError } from '../lib/errors.ts';
import { formatAmount } from '../notifications/templates.ts';
import type { OrderRow } from './access.ts';

const refused = (ctx: Ctx, o: OrderRow, amount: number | null) => {
  const err = new AppError('VALIDATION_FAILED', {
    key: 'payment.refundDecision',
    vars: { amount: amount === null ? '—' : formatAmount(amount, o.currency, ctx.locale) },
  });
  err.fields = [{ field: 'body.refundDecisionId', code: 'not_refundable', message: '' }];
  return err;
};

/**
 * A counter refund that pays out a complaint's refund decision: the decision must be this order's,
 * still `decided` and for the same amount; it becomes `refunded` with the refund, in its transaction.
 */
export async function payOutDecision(
  tx: Tx,
  ctx: Ctx,
  o: OrderRow,
  input: { kind: 'payment' | 'refund'; amount: number; refundDecisionId?: string },
): Promise<string | null> {
  if (!input.refundDecisionId) return null;
  const [d] = await tx
    .select()
    .from(refundDecisions)
    .where(and(eq(refundDecisions.id, input.refundDecisionId), eq(refundDecisions.orderId, o.id)))
    .for('update');
  if (input.kind !== 'refund' || !d || d.status !== 'decided' || d.amount !== input.amount)
    throw refused(ctx, o, d?.amount ?? null);
  await tx.update(refundDecisions).set({ status: 'refunded' }).where(eq(refundDecisions.id, d.id));
  return d.id;
}

/** Voiding the refund that paid a decision out leaves the decision to be paid out again. */
export async function reopenDecision(tx: Tx, id: string | null) {
  if (id) await tx.update(refundDecisions).set({ status: 'decided' }).where(eq(refundDecisions.id, id));
}

import type { PaymentSummary } from '@orderloop/contract';

type Status = PaymentSummary['paymentStatus'];
export type Totals = { paid: number; refunded: number };

/**
 * An order's payment status from what was paid and refunded (voided entries left out): nothing
 * net is unpaid — or refunded, when refunds took it back there — some is partially paid, the
 * total or more is paid.
 */
export function paymentStatusOf(total: number, { paid, refunded }: Totals): Status {
  const net = paid - refunded;
  if (net <= 0) return refunded > 0 ? 'refunded' : 'unpaid';
  return net >= total ? 'paid' : 'partially_paid';
}

export function summaryOf(
  o: { total: number; currency: string; version: number },
  totals: Totals,
): PaymentSummary {
  const net = totals.paid - totals.refunded;
  return {
    currency: o.currency,
    total: o.total,
    paid: totals.paid,
    refunded: totals.refunded,
    net,
    outstanding: Math.max(0, o.total - net),
    paymentStatus: paymentStatusOf(o.total, totals),
    orderVersion: o.version,
  };
}

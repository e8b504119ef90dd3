import type { OrderPayments } from '@orderloop/contract';
import { effectiveScope, inScope } from '../access/access.ts';
import type { Ctx } from '../http/context.ts';
import { orderOwnership } from '../orders/read.ts';
import { paymentOrder } from './access.ts';
import { paymentsOf, totalsOf } from './ledger.ts';
import { summaryOf } from './status.ts';

/** An order's ledger for whoever may read the order, and whether they may add to it. */
export async function listOrderPayments(ctx: Ctx, orderId: string): Promise<OrderPayments> {
  const { o, scope } = await paymentOrder(ctx, ctx.db, orderId, 'orders.read');
  const record = effectiveScope(scope.actor, 'payments.record');
  const [items, totals] = await Promise.all([paymentsOf(ctx.db, o.id), totalsOf(ctx.db, o.id)]);
  return {
    items,
    summary: summaryOf(o, totals),
    canRecord: !!record && inScope(record, orderOwnership(o)),
  };
}

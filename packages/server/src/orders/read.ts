import { and, eq } from 'drizzle-orm';
import { assertInScope, requireCustomer, requirePermission } from '../access/access.ts';
import type { DbOrTx } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import { toOrder } from './to-order.ts';

export async function loadOrder(db: DbOrTx, businessId: string, id: string) {
  const [o] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), eq(orders.businessId, businessId)));
  if (!o) throw new NotFoundError('order');
  return { row: o, order: toOrder(o, await db.select().from(orderLines).where(eq(orderLines.orderId, id))) };
}

/** An order is the store's, and its sales rep's and creator's own. */
export const orderOwnership = (o: {
  storeId: string;
  salesRepId: string | null;
  createdBy: string | null;
}) => ({
  storeId: o.storeId,
  ownerIds: [o.salesRepId, o.createdBy],
});

export async function getOrder(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const { row, order } = await loadOrder(ctx.db, scope.actor.businessId, id);
  assertInScope(scope, orderOwnership(row));
  return order;
}

/** A customer sees only their own orders; anyone else's id answers as if it did not exist. */
export async function getCustomerOrder(ctx: Ctx, id: string) {
  const actor = requireCustomer(ctx.actor);
  const { row, order } = await loadOrder(ctx.db, actor.businessId, id);
  if (row.customerId !== actor.customerId) throw new NotFoundError('order');
  return order;
}

import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
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

import type { Order } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { effectiveScope, inScope } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import type { DbOrTx } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isEditable, isOpen, workflowById } from '../workflow/definitions.ts';
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

/**
 * What this staff member may change now with PATCH /api/orders/:id — the rules editOrder applies
 * (orders.edit in scope; fields until the order is finished, lines and prices where the workflow
 * state is editable), so a front end shows the editors the server would accept and no others.
 */
export async function editabilityOf(
  db: DbOrTx,
  o: typeof orders.$inferSelect,
  staff: StaffActor,
): Promise<NonNullable<Order['editable']>> {
  const scope = effectiveScope(staff, 'orders.edit');
  if (!scope || !o.workflowId || !inScope(scope, orderOwnership(o))) return { fields: false, lines: false };
  const d = (await workflowById(db, o.workflowId)).definition;
  return { fields: isOpen(d, o.state), lines: isEditable(d, o.state) };
}

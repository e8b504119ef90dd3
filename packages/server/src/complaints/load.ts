import type { Permission } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { assertInScope, requireCustomer, requirePermission, type Scope } from '../access/access.ts';
import type { CustomerActor } from '../access/actor.ts';
import { complaints } from '../db/complaint-schema.ts';
import type { DbOrTx, Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import { orderOwnership } from '../orders/read.ts';

export type ComplaintRow = typeof complaints.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type Loaded = { c: ComplaintRow; o: OrderRow };

/** A complaint of the business with its order; `lock` takes the complaint row FOR UPDATE. */
export async function loadComplaint(db: DbOrTx, businessId: string, id: string): Promise<Loaded | null> {
  const [row] = await db
    .select({ c: complaints, o: orders })
    .from(complaints)
    .innerJoin(orders, eq(orders.id, complaints.orderId))
    .where(and(eq(complaints.id, id), eq(complaints.businessId, businessId)));
  return row ?? null;
}

/** Locks the complaint row for a change and returns it as it is now. */
export async function lockComplaint(tx: Tx, id: string): Promise<ComplaintRow> {
  const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update');
  return c!;
}

/** A complaint is in someone's scope when its order is: the order's store, rep and creator. */
export const complaintOwnership = (o: OrderRow) => orderOwnership(o);

/**
 * Staff access to one complaint: the permission first (so a caller without it learns nothing),
 * then the record (404 for another business's or a made-up id), then the scope (403).
 */
export async function staffComplaint(
  ctx: Ctx,
  db: DbOrTx,
  id: string,
  permission: Permission,
): Promise<Loaded & { scope: Scope }> {
  const scope = requirePermission(ctx.actor, permission);
  const found = await loadComplaint(db, scope.actor.businessId, id);
  if (!found) throw new NotFoundError('complaint');
  assertInScope(scope, complaintOwnership(found.o));
  return { ...found, scope };
}

/** A customer reaches only complaints about their own orders; anything else is a 404. */
export async function customerComplaint(
  ctx: Ctx,
  db: DbOrTx,
  id: string,
): Promise<Loaded & { me: CustomerActor }> {
  const me = requireCustomer(ctx.actor);
  const found = await loadComplaint(db, me.businessId, id);
  if (!found || found.c.customerId !== me.customerId) throw new NotFoundError('complaint');
  return { ...found, me };
}

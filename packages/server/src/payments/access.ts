import type { Permission } from '@orderloop/contract';
import { assertInScope, requirePermission, type Scope } from '../access/access.ts';
import type { DbOrTx } from '../db/connect.ts';
import type { orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { loadOrder, orderOwnership } from '../orders/read.ts';

export type OrderRow = typeof orders.$inferSelect;

/**
 * The order a payments call is about: the permission first (a caller without it learns nothing),
 * then the order (404 for another business's or a made-up id), then the scope of both the
 * permission and orders.read (403), as for the order itself.
 */
export async function paymentOrder(
  ctx: Ctx,
  db: DbOrTx,
  orderId: string,
  permission: Permission,
): Promise<{ o: OrderRow; scope: Scope }> {
  const scope = requirePermission(ctx.actor, permission);
  const { row } = await loadOrder(db, scope.actor.businessId, orderId);
  assertInScope(requirePermission(scope.actor, 'orders.read'), orderOwnership(row));
  assertInScope(scope, orderOwnership(row));
  return { o: row, scope };
}

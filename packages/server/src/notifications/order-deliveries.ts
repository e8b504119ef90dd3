import type { Delivery } from '@orderloop/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { assertInScope, effectiveScope, inScope, requirePermission } from '../access/access.ts';
import { outbox } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { loadOrder, orderOwnership } from '../orders/read.ts';
import type { OutboxPayload } from './notice.ts';

/**
 * The notices about one order, for its timeline: whoever can read the order sees what was sent and
 * whether it arrived; the error text of a failed delivery only for outbox managers.
 */
export async function listOrderDeliveries(ctx: Ctx, orderId: string): Promise<Delivery[]> {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const { row: o } = await loadOrder(ctx.db, scope.actor.businessId, orderId);
  assertInScope(scope, orderOwnership(o));
  const outboxScope = effectiveScope(scope.actor, 'outbox.manage');
  const manager = !!outboxScope && inScope(outboxScope, orderOwnership(o));
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.businessId, scope.actor.businessId),
        // the same expression as outbox_order_idx
        sql`(${outbox.payload} -> 'order' ->> 'orderId') = ${o.id}`,
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(200);
  return rows.map((r) => {
    const p = r.payload as OutboxPayload;
    return {
      id: r.id,
      channel: r.channel,
      event: p.event ?? null,
      eventId: r.eventId,
      orderId: o.id,
      orderNumber: o.number,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      lastError: manager ? r.lastError : null,
      createdAt: r.createdAt.toISOString(),
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
    };
  });
}

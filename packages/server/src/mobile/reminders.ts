import type { OrderReminder } from '@orderloop/contract';
import { and, desc, eq, gt } from 'drizzle-orm';
import { requirePermission } from '../access/access.ts';
import { orders } from '../db/order-schema.ts';
import { customers } from '../db/schema.ts';
import { workflows } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';

const LOOK_BACK_DAYS = 90;
const RECENT_END_DAYS = 14;
const MAX_SCANNED = 500;

/**
 * A sales rep's orders that need them: still running but past their state's SLA, or turned down
 * (rejected or cancelled) in the last two weeks. Reads the rep's recent orders over orders_rep_idx
 * (sales_rep_id, created_at) and decides with each order's own workflow definition.
 */
export async function listOrderReminders(ctx: Ctx): Promise<OrderReminder[]> {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const me = scope.actor;
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ o: orders, definition: workflows.definition, customerName: customers.name })
    .from(orders)
    .leftJoin(workflows, eq(workflows.id, orders.workflowId))
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(
        eq(orders.salesRepId, me.userId),
        eq(orders.businessId, me.businessId),
        gt(orders.createdAt, new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000)),
      ),
    )
    .orderBy(desc(orders.createdAt))
    .limit(MAX_SCANNED);
  const recent = new Date(now.getTime() - RECENT_END_DAYS * 86_400_000);
  const out: OrderReminder[] = [];
  for (const { o, definition, customerName } of rows) {
    const state = definition?.states.find((s) => s.key === o.state);
    const category = state?.category ?? 'open';
    const since = o.stateEnteredAt ?? o.createdAt;
    let reason: OrderReminder['reason'] | null = null;
    if (category === 'cancelled' && since > recent)
      reason = o.state.includes('reject') ? 'rejected' : 'cancelled';
    else if (
      category !== 'done' &&
      category !== 'cancelled' &&
      category !== 'draft' &&
      o.dueAt &&
      o.dueAt < now
    )
      reason = 'overdue';
    if (!reason) continue;
    out.push({
      id: o.id,
      number: o.number,
      state: o.state,
      stateName: state?.name[ctx.locale] ?? o.state,
      category,
      reason,
      customerName: customerName ?? o.contact.name ?? null,
      total: o.total,
      currency: o.currency,
      dueAt: o.dueAt?.toISOString() ?? null,
      since: since.toISOString(),
    });
  }
  // the most urgent first: overdue, then the most recent turn-downs
  return out.sort((a, b) =>
    a.reason === 'overdue' && b.reason !== 'overdue'
      ? -1
      : b.reason === 'overdue' && a.reason !== 'overdue'
        ? 1
        : b.since.localeCompare(a.since),
  );
}

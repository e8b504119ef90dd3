import type { ApprovalRule, Permission } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { effectiveScope, inScope } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import type { Tx } from '../db/connect.ts';
import type { orders } from '../db/order-schema.ts';
import { type ApprovalStep, approvals } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { newId } from '../lib/ids.ts';
import { orderOwnership } from '../orders/read.ts';
import { cancelApprovalReminder, scheduleApprovalReminder } from './approval-reminders.ts';
import type { LoadedWorkflow } from './definitions.ts';
import { applyEffect, recordEvent } from './effects.ts';

type OrderRow = typeof orders.$inferSelect;

/** Does this rule apply to the order as it is priced now? */
export function ruleHits(
  rule: ApprovalRule,
  o: Pick<OrderRow, 'subtotal' | 'discount' | 'total' | 'priceOverridden'>,
) {
  switch (rule.when.type) {
    case 'discount_percent_over':
      return o.subtotal > 0 && (o.discount * 100) / o.subtotal > rule.when.percent;
    case 'total_over':
      return o.total > rule.when.amount;
    case 'price_override':
      return o.priceOverridden;
  }
}

/**
 * Checks the definition's approval rules against the order and, if any hit, opens an approval whose
 * steps are the hit rules' steps in order (a pending one from an earlier version of the order is
 * superseded). Every path that prices an order — entry, edit, duplicate, batch, import — ends here,
 * so no path skips approval.
 */
export async function openApprovalIfNeeded(
  tx: Tx,
  ctx: Ctx,
  o: OrderRow,
  wf: LoadedWorkflow,
  /** The order was inserted in this transaction: it has no earlier approval or reminder to lapse. */
  fresh = false,
) {
  const now = ctx.clock.now();
  if (!fresh)
    await tx
      .update(approvals)
      .set({ status: 'superseded', decidedAt: now })
      .where(and(eq(approvals.orderId, o.id), eq(approvals.status, 'pending')));
  const hit = wf.definition.approvalRules.filter((r) => ruleHits(r, o));
  if (!hit.length || !wf.definition.approval) {
    if (!fresh) await cancelApprovalReminder(tx, o.id);
    return null;
  }
  const steps: ApprovalStep[] = hit.flatMap((r) =>
    r.steps.map((s) => ({
      permission: s.permission,
      role: s.role,
      mode: s.mode,
      count: s.count,
      rule: r.key,
    })),
  );
  const id = newId(now.getTime());
  await tx.insert(approvals).values({
    id,
    businessId: o.businessId,
    orderId: o.id,
    rules: hit.map((r) => r.key),
    steps,
    createdAt: now,
  });
  const eventId = await recordEvent(
    tx,
    o,
    'approval.requested',
    { approvalId: id, rules: hit.map((r) => r.key), number: o.number },
    now,
  );
  await applyEffect({ tx, now, actorUserId: null, eventId }, o, {
    type: 'notify',
    event: 'approval_requested',
    to: ['approvers'],
    channels: ['in_app'],
  });
  await scheduleApprovalReminder(tx, o, now);
  return id;
}

/** May this user decide this step of an approval for this order? Never on an order they entered. */
export function eligibleFor(actor: StaffActor, step: ApprovalStep, o: OrderRow): boolean {
  if (o.createdBy === actor.userId) return false;
  const scope = effectiveScope(actor, step.permission as Permission);
  if (!scope || !inScope(scope, orderOwnership(o))) return false;
  return (
    !step.role ||
    actor.grants.some((g) => g.roleKey === step.role && g.permissions.includes(step.permission as Permission))
  );
}

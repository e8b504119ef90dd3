import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect.ts';
import type { orders } from '../db/order-schema.ts';
import { approvals, timers } from '../db/workflow-schema.ts';
import { newId } from '../lib/ids.ts';
import { approvalSettingsOf } from './approval-settings.ts';
import { applyEffect, recordEvent } from './effects.ts';

type OrderRow = typeof orders.$inferSelect;
export const APPROVAL_REMINDER = 'approval_reminder';

/** Stops the reminder of an order's approval (decided, superseded, or moved to its next step). */
export async function cancelApprovalReminder(tx: Tx, orderId: string) {
  await tx
    .update(timers)
    .set({ status: 'cancelled' })
    .where(
      and(eq(timers.orderId, orderId), eq(timers.kind, APPROVAL_REMINDER), eq(timers.status, 'pending')),
    );
}

/**
 * One durable reminder per waiting approval step, after the business's reminder delay; a new step
 * (or a new approval) replaces the previous one, so each step is reminded at most once.
 */
export async function scheduleApprovalReminder(tx: Tx, o: OrderRow, now: Date) {
  await cancelApprovalReminder(tx, o.id);
  const { reminderMinutes } = await approvalSettingsOf(tx, o.businessId);
  await tx.insert(timers).values({
    id: newId(now.getTime()),
    businessId: o.businessId,
    orderId: o.id,
    kind: APPROVAL_REMINDER,
    action: null,
    state: o.state,
    stateVersion: o.version,
    dueAt: new Date(now.getTime() + reminderMinutes * 60_000),
  });
}

/** The reminder fired: if the approval still waits, its eligible approvers are told again. */
export async function remindApprovers(tx: Tx, o: OrderRow, now: Date) {
  const [a] = await tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.orderId, o.id), eq(approvals.status, 'pending')));
  if (!a) return;
  const eventId = await recordEvent(
    tx,
    o,
    'approval.reminder',
    { approvalId: a.id, step: a.step, number: o.number },
    now,
  );
  await applyEffect({ tx, now, actorUserId: null, eventId }, o, {
    type: 'notify',
    event: 'approval_reminder',
    to: ['approvers'],
    channels: ['in_app'],
  });
}

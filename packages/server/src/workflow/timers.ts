import { and, asc, eq, lte } from 'drizzle-orm';
import { fireComplaintTimer } from '../complaints/sla.ts';
import { orders } from '../db/order-schema.ts';
import { timers } from '../db/workflow-schema.ts';
import { raiseException } from '../exceptions/incidents.ts';
import type { Ctx, Deps } from '../http/context.ts';
import { APPROVAL_REMINDER, remindApprovers } from './approval-reminders.ts';
import { applyEffect, recordEvent } from './effects.ts';
import { runTransition } from './engine.ts';

/** What a background step runs as: no user, its own request id, the server's language. */
export const systemCtx = (deps: Deps, requestId: string): Ctx => ({
  ...deps,
  actor: null,
  requestId,
  ip: 'worker',
  userAgent: null,
  locale: 'zh-CN',
  audited: false,
});

/**
 * Fires due timers. Each is claimed in its own transaction with FOR UPDATE SKIP LOCKED, and marked
 * fired in that same transaction as its effect, so across any number of processes a timer fires
 * exactly once — and a crash before commit leaves it pending for the next tick.
 * A timer whose order has since left the state it was set in simply lapses.
 */
export async function fireDueTimers(deps: Deps, max = 50): Promise<number> {
  let fired = 0;
  for (; fired < max; fired++) {
    const done = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const [t] = await tx
        .select()
        .from(timers)
        .where(and(eq(timers.status, 'pending'), lte(timers.dueAt, now)))
        .orderBy(asc(timers.dueAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!t) return false;
      await tx.update(timers).set({ status: 'fired', firedAt: now }).where(eq(timers.id, t.id));
      if (t.complaintId) {
        await fireComplaintTimer(tx, systemCtx(deps, `timer:${t.id}`), t);
        return true;
      }
      const [o] = await tx.select().from(orders).where(eq(orders.id, t.orderId));
      // an approval reminder belongs to the approval, not the state: it lapses only with the approval
      if (o && t.kind === APPROVAL_REMINDER) {
        await remindApprovers(tx, o, now);
        return true;
      }
      if (!o || o.state !== t.state) return true;
      const ctx = systemCtx(deps, `timer:${t.id}`);
      if (t.action) {
        await runTransition(tx, ctx, o.id, { action: t.action, input: {} }, { type: 'system' });
        return true;
      }
      // SLA: the order is overdue now; escalation tells the managers
      const type = t.kind === 'escalate' ? 'order.escalated' : 'order.overdue';
      const eventId = await recordEvent(
        tx,
        o,
        type,
        { number: o.number, state: o.state, dueAt: o.dueAt },
        now,
      );
      await applyEffect({ tx, now, actorUserId: null, eventId }, o, {
        type: 'notify',
        event: t.kind === 'escalate' ? 'order_escalated' : 'order_overdue',
        to: t.kind === 'escalate' ? ['managers'] : ['store_staff', 'assignee'],
        channels: ['in_app'],
      });
      await raiseException(tx, {
        businessId: o.businessId,
        storeId: o.storeId,
        orderId: o.id,
        kind: 'overdue',
        sourceId: o.id,
        at: now,
        payload: { number: o.number, state: o.state, escalated: t.kind === 'escalate' },
      });
      return true;
    });
    if (!done) break;
  }
  return fired;
}

/** The in-process worker loop (one per process; `orderloop worker` runs it alone). */
export function startTimerLoop(deps: Deps, intervalMs = 1000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await fireDueTimers(deps);
    } catch (err) {
      deps.log.error({ err }, 'timer tick failed');
    } finally {
      running = false;
    }
  };
  const handle = setInterval(() => void tick(), intervalMs);
  handle.unref();
  return { tick, stop: () => clearInterval(handle) };
}

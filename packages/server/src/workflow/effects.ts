import type { Effect, WorkflowDefinition, WorkflowState } from '@orderloop/contract';
import { asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/connect.ts';
import { orderLines, type orders } from '../db/order-schema.ts';
import { outbox, timers } from '../db/workflow-schema.ts';
import { newId } from '../lib/ids.ts';
import { notifyPlan } from '../notifications/settings.ts';
import { reserveStock } from '../orders/reserve.ts';
import { commitOrderStock, releaseOrderStock } from '../orders/stock-hooks.ts';

type OrderRow = typeof orders.$inferSelect;
export type EffectEnv = {
  tx: Tx;
  now: Date;
  actorUserId: string | null;
  eventId: number;
  /** Where an out-of-stock line is reported: `body.lines` when the order is being entered. */
  linesField?: string;
  /**
   * Set when the order was inserted in this very transaction: nothing of an earlier state (timers,
   * approvals) can be pending, and its lines are at hand instead of a read away.
   */
  fresh?: { lines: (typeof orderLines.$inferSelect)[] };
  /**
   * When given, stock reservation is handed here instead of run at once: the caller runs it last
   * before commit, so the locked stock rows (a hot SKU's above all) are held as briefly as possible.
   */
  deferStock?: (reserve: () => Promise<void>) => void;
};

const minutes = (now: Date, m: number) => new Date(now.getTime() + m * 60_000);

/** Outbox rows are written with the change and worked later; receivers dedupe by their id. */
async function enqueue(env: EffectEnv, o: OrderRow, channel: string, target: object, payload: object) {
  await env.tx.insert(outbox).values({
    id: newId(env.now.getTime()),
    businessId: o.businessId,
    eventId: env.eventId,
    channel,
    target: { ...target },
    payload: { ...payload },
    nextAttemptAt: env.now,
    createdAt: env.now,
  });
}

const refOf = (o: OrderRow) => ({
  orderId: o.id,
  number: o.number,
  storeId: o.storeId,
  state: o.state,
  total: o.total,
  currency: o.currency,
});

/** One named side effect, in the transaction of the transition that sets it off. */
export async function applyEffect(env: EffectEnv, o: OrderRow, e: Effect) {
  const who = { businessId: o.businessId, orderId: o.id, actorId: env.actorUserId, now: env.now };
  switch (e.type) {
    case 'reserve_stock': {
      if (o.stockReserved) return;
      const lines =
        (env.fresh && [...env.fresh.lines].sort((a, b) => a.lineNo - b.lineNo)) ??
        (await env.tx
          .select()
          .from(orderLines)
          .where(eq(orderLines.orderId, o.id))
          .orderBy(asc(orderLines.lineNo)));
      const reserve = async () => {
        // the order's own row first: the shared stock rows are locked only by the last statement
        await env.tx.execute(sql`UPDATE orders SET stock_reserved = true WHERE id = ${o.id}`);
        await reserveStock(
          env.tx,
          { ...who, storeId: o.storeId },
          lines.map((l, i) => ({
            skuId: l.skuId,
            skuCode: l.skuCode,
            quantity: l.quantity,
            field: `${env.linesField ?? 'lines'}.${i}.quantity`,
          })),
        );
      };
      if (env.deferStock) env.deferStock(reserve);
      else await reserve();
      return;
    }
    case 'release_stock':
      return releaseOrderStock(env.tx, who);
    case 'commit_stock':
      return commitOrderStock(env.tx, who);
    case 'notify': {
      // the business's notification settings may re-route or silence it
      const plan = await notifyPlan(env.tx, o.businessId, e);
      for (const channel of plan.channels)
        await enqueue(env, o, channel, { to: plan.to }, { event: e.event, order: refOf(o) });
      return;
    }
    case 'request_payment':
      return enqueue(env, o, 'payment', {}, { order: refOf(o) });
    case 'push_erp':
      return enqueue(env, o, 'erp', {}, { order: refOf(o) });
    case 'set_timer':
      await env.tx.insert(timers).values({
        id: newId(env.now.getTime()),
        businessId: o.businessId,
        orderId: o.id,
        kind: e.timer,
        action: e.action,
        state: o.state,
        stateVersion: o.version,
        dueAt: minutes(env.now, e.afterMinutes),
      });
      return;
  }
}

/**
 * Entering a state: earlier timers lapse, the state's SLA and escalation timers start, and its
 * on-enter effects run. `o` is the order as it is after the move.
 */
export async function enterState(env: EffectEnv, o: OrderRow, state: WorkflowState) {
  if (!env.fresh)
    await env.tx
      .update(timers)
      .set({ status: 'cancelled' })
      // a complaint's SLA timers run on their own clock (complaints/sla.ts); approval reminders
      // follow the approval, not the state
      .where(
        sql`${timers.orderId} = ${o.id} AND ${timers.status} = 'pending' AND ${timers.complaintId} IS NULL AND ${timers.kind} <> 'approval_reminder'`,
      );
  const sla = (kind: string, m: number) => ({
    id: newId(env.now.getTime()),
    businessId: o.businessId,
    orderId: o.id,
    kind,
    action: null,
    state: o.state,
    stateVersion: o.version,
    dueAt: minutes(env.now, m),
  });
  if (state.slaMinutes)
    await env.tx
      .insert(timers)
      .values([
        sla('sla', state.slaMinutes),
        ...(state.escalateAfterMinutes
          ? [sla('escalate', state.slaMinutes + state.escalateAfterMinutes)]
          : []),
      ]);
  for (const e of state.onEnter) await applyEffect(env, o, e);
}

/** One event row per change; live streams replay from it, NOTIFY wakes them at commit. */
export async function recordEvent(
  tx: Tx,
  o: OrderRow,
  type: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<number> {
  // one round trip: the row and its NOTIFY (delivered at commit, like any NOTIFY in a transaction)
  const [row] = await queryRows<{ id: string | number }>(
    tx,
    sql`WITH e AS (
          INSERT INTO events (business_id, store_id, order_id, type, payload, at)
          VALUES (${o.businessId}, ${o.storeId}, ${o.id}, ${type}, ${JSON.stringify(payload)}::jsonb, ${now.toISOString()}::timestamptz)
          RETURNING id)
        SELECT id, pg_notify('orderloop_events', id::text) FROM e`,
  );
  return Number(row!.id);
}

export const slaDue = (d: WorkflowDefinition, stateKey: string, now: Date) => {
  const s = d.states.find((x) => x.key === stateKey);
  return s?.slaMinutes ? minutes(now, s.slaMinutes) : null;
};

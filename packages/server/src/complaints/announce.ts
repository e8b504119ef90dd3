import type { Effect } from '@orderloop/contract';
import type { Tx } from '../db/connect.ts';
import { outbox } from '../db/workflow-schema.ts';
import { newId } from '../lib/ids.ts';
import { notifyPlan } from '../notifications/settings.ts';
import { recordEvent } from '../workflow/effects.ts';
import type { ComplaintRow, OrderRow } from './load.ts';

/**
 * Who a complaint notice is for: `complaint_handlers` (staff who may handle complaints of the
 * order's store), `complaint_assignee`, and the order targets `managers` and `customer`.
 */
export type ComplaintTarget = 'complaint_handlers' | 'complaint_assignee' | 'managers' | 'customer';
export type ComplaintNotify = { event: string; to: ComplaintTarget[] };

/** What an outbox row of a complaint notice carries besides the order. */
export type ComplaintRef = { id: string; kind: string; state: string };

/**
 * One live event (`complaint.<type>`, on the order's store, so consoles that can read the order
 * see it) and, when asked, one in-app outbox row — after the business's notification settings,
 * which may silence or re-route the event — all in the change's transaction.
 */
export async function announce(
  tx: Tx,
  now: Date,
  c: ComplaintRow,
  o: OrderRow,
  type: string,
  extra: Record<string, unknown>,
  notify?: ComplaintNotify,
): Promise<void> {
  const eventId = await recordEvent(
    tx,
    o,
    `complaint.${type}`,
    {
      complaintId: c.id,
      kind: c.kind,
      state: c.state,
      number: o.number,
      assigneeId: c.assigneeId,
      version: c.version,
      ...extra,
    },
    now,
  );
  if (!notify) return;
  const effect = { type: 'notify', event: notify.event, to: notify.to, channels: ['in_app'] };
  const plan = await notifyPlan(tx, c.businessId, effect as unknown as Extract<Effect, { type: 'notify' }>);
  const complaint: ComplaintRef = { id: c.id, kind: c.kind, state: c.state };
  for (const channel of plan.channels)
    await tx.insert(outbox).values({
      id: newId(now.getTime()),
      businessId: c.businessId,
      eventId,
      channel,
      target: { to: plan.to },
      payload: {
        event: notify.event,
        order: {
          orderId: o.id,
          number: o.number,
          storeId: o.storeId,
          state: o.state,
          total: o.total,
          currency: o.currency,
        },
        complaint,
      },
      nextAttemptAt: now,
      createdAt: now,
    });
}

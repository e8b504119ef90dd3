import type { incidentUpdateSchema } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { orderIncidents } from '../db/exceptions-schema.ts';
import { events } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ConflictError, NotFoundError, type OutOfStockError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type IncidentRow = typeof orderIncidents.$inferSelect;
export type NewIncident = {
  businessId: string;
  storeId: string | null;
  kind: IncidentRow['kind'];
  orderId?: string | null;
  customerId?: string | null;
  userId?: string | null;
  channel?: string | null;
  details: Record<string, unknown>;
};

/** Writes an incident and tells live streams an exception was raised, in the caller's transaction. */
export async function recordIncident(tx: Tx, ctx: Ctx, n: NewIncident): Promise<string> {
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  await tx.insert(orderIncidents).values({
    id,
    businessId: n.businessId,
    storeId: n.storeId,
    kind: n.kind,
    orderId: n.orderId ?? null,
    customerId: n.customerId ?? null,
    userId: n.userId ?? null,
    channel: n.channel ?? null,
    details: n.details,
    createdAt: now,
  });
  await raiseException(tx, {
    businessId: n.businessId,
    storeId: n.storeId,
    orderId: n.orderId ?? null,
    kind: n.kind,
    sourceId: id,
    at: now,
    payload: n.details,
  });
  await recordAudit(tx, ctx, {
    action: `exception.${n.kind}`,
    entityType: 'order_incident',
    entityId: id,
    storeId: n.storeId,
    businessId: n.businessId,
    after: { kind: n.kind, ...n.details },
  });
  return id;
}

/** An `exception.raised` event on the live streams (scoped like any event, by store and order). */
export async function raiseException(
  tx: Tx,
  e: {
    businessId: string;
    storeId: string | null;
    orderId: string | null;
    kind: string;
    sourceId: string;
    at: Date;
    payload?: Record<string, unknown>;
  },
) {
  const [row] = await tx
    .insert(events)
    .values({
      businessId: e.businessId,
      storeId: e.storeId,
      orderId: e.orderId,
      type: 'exception.raised',
      payload: { kind: e.kind, id: `${e.kind}:${e.sourceId}`, ...e.payload },
      at: e.at,
    })
    .returning({ id: events.id });
  await tx.execute(sql`SELECT pg_notify('orderloop_events', ${String(row!.id)})`);
}

/**
 * A submission refused for stock leaves no order behind (its transaction rolled back), so the
 * refusal is written here in a transaction of its own: who, which store, which SKUs, when.
 * Never lets a failure to record hide the refusal itself.
 */
export async function recordOutOfStock(
  ctx: Ctx,
  at: {
    businessId: string;
    storeId: string;
    customerId: string | null;
    channel: string;
    orderId?: string | null;
  },
  err: OutOfStockError,
) {
  const meta = err.meta as { sku: string; wanted: number; available: number };
  const staff = ctx.actor?.kind === 'staff' ? ctx.actor.userId : null;
  try {
    await ctx.db.transaction((tx) =>
      recordIncident(tx, ctx, {
        businessId: at.businessId,
        storeId: at.storeId,
        kind: 'out_of_stock_at_submission',
        orderId: at.orderId ?? null,
        customerId: at.customerId,
        userId: staff,
        channel: at.channel,
        details: {
          skus: [{ code: meta.sku, wanted: meta.wanted, available: meta.available }],
          by: ctx.actor?.kind ?? 'system',
        },
      }),
    );
  } catch (e) {
    ctx.log.error({ err: e }, 'could not record an out-of-stock incident');
  }
}

const view = (i: IncidentRow) => ({
  id: i.id,
  kind: i.kind,
  status: i.status,
  storeId: i.storeId,
  orderId: i.orderId,
  details: i.details,
  note: i.note,
  createdAt: i.createdAt.toISOString(),
  acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
  resolvedAt: i.resolvedAt?.toISOString() ?? null,
});

/** Acknowledge (someone is on it) or resolve (it leaves the list) an incident in my scope. */
export async function updateIncident(ctx: Ctx, id: string, body: z.output<typeof incidentUpdateSchema>) {
  const scope = requirePermission(ctx.actor, 'orders.transition');
  const me = scope.actor;
  return ctx.db.transaction(async (tx) => {
    const [i] = await tx
      .select()
      .from(orderIncidents)
      .where(and(eq(orderIncidents.id, id), eq(orderIncidents.businessId, me.businessId)))
      .for('update');
    if (!i) throw new NotFoundError('incident');
    assertInScope(scope, { storeId: i.storeId, ownerIds: [i.userId] });
    if (i.status === 'resolved')
      throw new ConflictError('CONFLICT', { key: 'incident.closed', vars: { status: i.status } });
    const now = ctx.clock.now();
    const [u] = await tx
      .update(orderIncidents)
      .set(
        body.status === 'acknowledged'
          ? {
              status: 'acknowledged',
              acknowledgedAt: now,
              acknowledgedBy: me.userId,
              note: body.note ?? i.note,
            }
          : {
              status: 'resolved',
              resolvedAt: now,
              resolvedBy: me.userId,
              acknowledgedAt: i.acknowledgedAt ?? now,
              acknowledgedBy: i.acknowledgedBy ?? me.userId,
              note: body.note ?? i.note,
            },
      )
      .where(eq(orderIncidents.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: `incident.${body.status === 'acknowledged' ? 'acknowledge' : 'resolve'}`,
      entityType: 'order_incident',
      entityId: id,
      storeId: i.storeId,
      before: { status: i.status, note: i.note },
      after: { status: u!.status, note: u!.note },
    });
    return view(u!);
  });
}

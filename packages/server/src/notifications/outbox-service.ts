import type { Delivery, deliveryListQuery } from '@orderloop/contract';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, type Scope, storesOf } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { outbox } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { newestFirstAfter, pageOf } from '../lib/cursor.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import type { OutboxPayload, OutboxRow } from './notice.ts';

const toDelivery = (r: OutboxRow): Delivery => {
  const p = r.payload as OutboxPayload;
  return {
    id: r.id,
    channel: r.channel,
    event: p.event ?? null,
    eventId: r.eventId,
    orderId: p.order?.orderId ?? null,
    orderNumber: p.order?.number ?? null,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  };
};

/** A store-scoped outbox manager sees the deliveries about orders of their stores. */
function inScopeSql(scope: Scope): SQL | undefined {
  const stores = storesOf(scope);
  if (stores === 'all') return undefined;
  if (!stores.length) return sql`false`;
  return inArray(sql`(${outbox.payload} -> 'order' ->> 'storeId')`, stores);
}

export async function listDeliveries(ctx: Ctx, q: z.output<typeof deliveryListQuery>) {
  const scope = requirePermission(ctx.actor, 'outbox.manage');
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.businessId, scope.actor.businessId),
        q.status ? eq(outbox.status, q.status) : undefined,
        q.channel ? eq(outbox.channel, q.channel) : undefined,
        inScopeSql(scope),
        newestFirstAfter(outbox.createdAt, outbox.id, q.cursor),
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: page.items.map(toDelivery), nextCursor: page.nextCursor };
}

/**
 * Puts a dead (or skipped) delivery back in the queue with a fresh attempt count. Receivers see the
 * same delivery id again, so a notice that did arrive after all is still taken once.
 */
export async function retryDelivery(ctx: Ctx, id: string): Promise<Delivery> {
  const scope = requirePermission(ctx.actor, 'outbox.manage');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.businessId, scope.actor.businessId), inScopeSql(scope)))
      .for('update');
    if (!row) throw new NotFoundError('delivery');
    if (row.status !== 'dead' && row.status !== 'skipped')
      throw new ConflictError('CONFLICT', { key: 'outbox.notRetryable', vars: { status: row.status } });
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null })
      .where(eq(outbox.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'delivery.retried',
      entityType: 'delivery',
      entityId: id,
      storeId: (row.payload as OutboxPayload).order?.storeId ?? null,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: 'pending', attempts: 0 },
    });
    return toDelivery(updated!);
  });
}

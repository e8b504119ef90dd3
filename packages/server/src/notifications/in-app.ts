import type { Notification } from '@orderloop/contract';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { requireStaff } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { notifications } from '../db/notify-schema.ts';
import type { Ctx } from '../http/context.ts';
import { newestFirstAfter, pageOf } from '../lib/cursor.ts';
import { NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Channel } from './channel.ts';

/** The notification centre: one row per recipient; a repeated delivery inserts nothing new. */
export const inAppChannel: Channel = {
  name: 'in_app',
  async deliver(n, deps) {
    if (!n.recipients.length) return { status: 'skipped', note: 'no recipient' };
    const now = deps.clock.now();
    await deps.db
      .insert(notifications)
      .values(
        n.recipients.map((r) => ({
          id: newId(now.getTime()),
          businessId: n.businessId,
          userId: r.kind === 'user' ? r.id : null,
          customerId: r.kind === 'customer' ? r.id : null,
          outboxId: n.id,
          event: n.event,
          ...n.text(r.locale),
          orderId: n.order?.orderId ?? null,
          link: r.kind === 'user' ? n.link : null,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
    return { status: 'delivered', note: `${n.recipients.length} recipient(s)` };
  },
};

type Row = typeof notifications.$inferSelect;
const toNotification = (r: Row): Notification => ({
  id: r.id,
  event: r.event,
  title: r.title,
  body: r.body,
  orderId: r.orderId,
  link: r.link,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listNotifications(
  ctx: Ctx,
  q: { cursor?: string; limit: number; unread?: 'true' | 'false' },
) {
  const me = requireStaff(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, me.userId),
        q.unread === 'true' ? isNull(notifications.readAt) : undefined,
        newestFirstAfter(notifications.createdAt, notifications.id, q.cursor),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: page.items.map(toNotification), nextCursor: page.nextCursor };
}

export async function unreadCount(ctx: Ctx) {
  const me = requireStaff(ctx.actor);
  const [r] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, me.userId), isNull(notifications.readAt)));
  return { count: r?.count ?? 0 };
}

export async function markRead(ctx: Ctx, id: string) {
  const me = requireStaff(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const mine = and(eq(notifications.id, id), eq(notifications.userId, me.userId));
    const [n] = await tx.select().from(notifications).where(mine);
    // someone else's notice is as absent as a made-up id
    if (!n) throw new NotFoundError('notification');
    // read twice: the first time stands
    const [updated] = n.readAt
      ? [n]
      : await tx.update(notifications).set({ readAt: ctx.clock.now() }).where(mine).returning();
    await recordAudit(tx, ctx, {
      action: 'notification.read',
      entityType: 'notification',
      entityId: id,
      before: { readAt: n.readAt?.toISOString() ?? null },
      after: { readAt: updated!.readAt!.toISOString() },
    });
    return toNotification(updated!);
  });
}

export async function markAllRead(ctx: Ctx) {
  const me = requireStaff(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(notifications)
      .set({ readAt: ctx.clock.now() })
      .where(and(eq(notifications.userId, me.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    await recordAudit(tx, ctx, {
      action: 'notification.read_all',
      entityType: 'user',
      entityId: me.userId,
      after: { count: done.length },
    });
    return { count: done.length };
  });
}

import { type Effect, type NotificationSettings, notificationSettingsSchema } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { businesses } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { templates } from './templates.ts';

type Notify = Extract<Effect, { type: 'notify' }>;

/**
 * businesses.settings.notifications, e.g.
 * `{ "events": { "new_order": { "to": ["store_staff", "managers"], "channels": ["in_app", "webhook"] },
 *                "order_overdue": { "enabled": false } } }`.
 * A malformed value (edited by hand) counts as no overrides rather than breaking transitions.
 */
export function notificationSettings(settings: Record<string, unknown>): NotificationSettings {
  const parsed = notificationSettingsSchema.safeParse(settings.notifications ?? {});
  return parsed.success ? parsed.data : { events: {} };
}

/**
 * Who a notify effect reaches through which channels, once the business's overrides are applied:
 * what the workflow writes to the outbox. An event switched off yields no channels.
 */
export async function notifyPlan(
  db: DbOrTx,
  businessId: string,
  e: Notify,
): Promise<{ to: Notify['to']; channels: Notify['channels'] }> {
  const [b] = await db
    .select({ settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  const rule = b ? notificationSettings(b.settings).events[e.event] : undefined;
  if (!rule) return { to: e.to, channels: e.channels };
  if (!rule.enabled) return { to: e.to, channels: [] };
  return { to: rule.to ?? e.to, channels: rule.channels ?? e.channels };
}

export async function getNotificationSettings(ctx: Ctx): Promise<NotificationSettings> {
  const scope = requirePermission(ctx.actor, 'channels.manage');
  const [b] = await ctx.db
    .select({ settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, scope.actor.businessId));
  return notificationSettings(b!.settings);
}

export async function updateNotificationSettings(
  ctx: Ctx,
  input: NotificationSettings,
): Promise<NotificationSettings> {
  const scope = requirePermission(ctx.actor, 'channels.manage');
  // business-wide: a store-scoped channel manager may not change what every store is told
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  const before = await getNotificationSettings(ctx);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(businesses)
      .set({
        settings: sql`${businesses.settings} || ${JSON.stringify({ notifications: input })}::jsonb`,
      })
      .where(eq(businesses.id, scope.actor.businessId));
    await recordAudit(tx, ctx, {
      action: 'notification_settings.updated',
      entityType: 'business',
      entityId: scope.actor.businessId,
      before: { events: before.events },
      after: { events: input.events },
    });
  });
  return input;
}

/** The notice texts per template key in the reader's language, so the console can show what is sent. */
export async function listTemplates(ctx: Ctx) {
  requirePermission(ctx.actor, 'channels.manage');
  return Object.entries(templates).map(([event, t]) => ({ event, ...t[ctx.locale], builtIn: t }));
}

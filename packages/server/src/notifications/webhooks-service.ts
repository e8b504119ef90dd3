import type { createWebhookSchema, updateWebhookSchema, Webhook } from '@orderloop/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { webhookEndpoints } from '../db/notify-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { newId, newToken } from '../lib/ids.ts';

type Row = typeof webhookEndpoints.$inferSelect;
const toWebhook = (r: Row): Webhook => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  secretHint: `…${r.secret.slice(-4)}`,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Webhooks belong to the whole business: managing them needs channels.manage over all of it. */
function manager(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'channels.manage');
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  return scope.actor;
}

async function find(db: DbOrTx, businessId: string, id: string) {
  const [r] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.businessId, businessId)));
  if (!r) throw new NotFoundError('webhook');
  return r;
}

export async function listWebhooks(ctx: Ctx) {
  const me = requirePermission(ctx.actor, 'channels.manage').actor;
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.businessId, me.businessId))
    .orderBy(asc(webhookEndpoints.createdAt));
  return rows.map(toWebhook);
}

export async function createWebhook(ctx: Ctx, input: z.output<typeof createWebhookSchema>) {
  const me = manager(ctx);
  const now = ctx.clock.now();
  const secret = input.secret ?? newToken(32);
  const row = {
    id: newId(now.getTime()),
    businessId: me.businessId,
    url: input.url,
    secret,
    events: input.events,
    description: input.description ?? null,
    enabled: input.enabled,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookEndpoints).values(row);
    await recordAudit(tx, ctx, {
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: row.id,
      after: { url: row.url, events: row.events, enabled: row.enabled, secret: '(set)' },
    });
  });
  return { ...toWebhook(row), secret };
}

export async function updateWebhook(ctx: Ctx, id: string, input: z.output<typeof updateWebhookSchema>) {
  const me = manager(ctx);
  const { rotateSecret, ...edit } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await find(tx, me.businessId, id);
    const secret = rotateSecret ? newToken(32) : null;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ ...edit, ...(secret ? { secret } : {}), updatedAt: ctx.clock.now() })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: id,
      before: { ...fieldsOf(before, edit), ...(secret ? { secret: before.secret } : {}) },
      after: { ...edit, ...(secret ? { secret } : {}) },
    });
    return { ...toWebhook(row!), secret };
  });
}

export async function deleteWebhook(ctx: Ctx, id: string) {
  const me = manager(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await find(tx, me.businessId, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, ctx, {
      action: 'webhook.deleted',
      entityType: 'webhook',
      entityId: id,
      before: { url: before.url, events: before.events },
    });
  });
}

import type { Consent, consentInputSchema, MessageEvent } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireCustomer } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { customerMessageConsents } from '../db/mobile-schema.ts';
import type { Ctx } from '../http/context.ts';

async function consentOf(db: DbOrTx, customerId: string): Promise<Consent> {
  const rows = await db
    .select()
    .from(customerMessageConsents)
    .where(eq(customerMessageConsents.customerId, customerId))
    .orderBy(customerMessageConsents.event);
  return {
    items: rows.map((r) => ({
      event: r.event,
      status: r.status,
      channel: r.channel,
      grants: r.grants,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

export async function getConsent(ctx: Ctx): Promise<Consent> {
  const actor = requireCustomer(ctx.actor);
  return consentOf(ctx.db, actor.customerId);
}

/**
 * Records the customer's answer to the order-message prompt. A WeChat accept is one one-time grant
 * (one message of that template), so grants add up; a refusal clears them.
 */
export async function setConsent(ctx: Ctx, input: z.output<typeof consentInputSchema>): Promise<Consent> {
  const actor = requireCustomer(ctx.actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await consentOf(tx, actor.customerId);
    for (const [event, status] of Object.entries(input.answers) as [MessageEvent, 'accept' | 'reject'][]) {
      const grant = status === 'accept' && input.channel === 'wechat' ? 1 : 0;
      await tx
        .insert(customerMessageConsents)
        .values({
          customerId: actor.customerId,
          businessId: actor.businessId,
          event,
          channel: input.channel,
          status,
          grants: grant,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [customerMessageConsents.customerId, customerMessageConsents.event],
          set: {
            channel: input.channel,
            status,
            grants: status === 'accept' ? sql`${customerMessageConsents.grants} + ${grant}` : 0,
            updatedAt: now,
          },
        });
    }
    const after = await consentOf(tx, actor.customerId);
    await recordAudit(tx, ctx, {
      action: 'customer.consent_updated',
      entityType: 'customer',
      entityId: actor.customerId,
      before: Object.fromEntries(before.items.map((i) => [i.event, i.status])),
      after: Object.fromEntries(after.items.map((i) => [i.event, i.status])),
    });
    return after;
  });
}

import { createHash } from 'node:crypto';
import type { channelLoginSchema } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { businesses, customerIdentities, customers } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { customerMe } from '../identity/customer-auth.ts';
import { hit } from '../identity/rate-limit.ts';
import { createSession } from '../identity/sessions.ts';
import { FeatureDisabledError, NotFoundError, RateLimitError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export type LoginChannel = 'wechat' | 'alipay';

/**
 * Who a platform code names. The real exchanges (WeChat `jscode2session`, Alipay
 * `alipay.system.oauth.token`) arrive with the payments-and-channels work; until then, only with
 * DEV_LOGIN on, the dev fallback stands in: `dev-<id>` names the platform user `<id>` (so tests and a
 * developer can come back as the same customer), any other code a user derived from the code itself.
 */
function devSubject(ctx: Ctx, code: string): string {
  if (!ctx.config.devLogin) throw new FeatureDisabledError({ key: 'feature.channelLogin' });
  if (code.startsWith('dev-') && code.length > 4) return `dev:${code.slice(4)}`;
  return `dev:${createHash('sha256').update(code).digest('hex').slice(0, 28)}`;
}

/** Signs a customer in by their mini-program identity, creating the customer on first sight. */
export async function channelLogin(
  ctx: Ctx,
  channel: LoginChannel,
  input: z.output<typeof channelLoginSchema>,
) {
  const subject = devSubject(ctx, input.code);
  const { count, retryAfter } = await hit(ctx.db, `channel:ip:${ctx.ip}`, ctx.clock.now(), 15);
  if (count > 60)
    throw new RateLimitError(retryAfter, { key: 'auth.rateLimited', vars: { seconds: retryAfter } });
  const [business] = await ctx.db.select().from(businesses).where(eq(businesses.slug, input.business));
  if (!business) throw new NotFoundError('business');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [identity] = await tx
      .select()
      .from(customerIdentities)
      .where(
        and(
          eq(customerIdentities.businessId, business.id),
          eq(customerIdentities.channel, channel),
          eq(customerIdentities.subject, subject),
        ),
      );
    let customerId = identity?.customerId;
    if (!customerId) {
      customerId = newId();
      await tx
        .insert(customers)
        .values({ id: customerId, businessId: business.id, kind: 'person', createdAt: now });
      await tx.insert(customerIdentities).values({
        id: newId(),
        businessId: business.id,
        customerId,
        channel,
        subject,
        createdAt: now,
      });
    }
    const session = await createSession(tx, ctx, {
      businessId: business.id,
      principal: { customerId },
      mode: 'token',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    ctx.actor = { kind: 'customer', customerId, businessId: business.id, sessionId: '' };
    await recordAudit(tx, ctx, {
      action: 'customer.login',
      entityType: 'customer',
      entityId: customerId,
      after: { channel, firstTime: !identity },
    });
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      me: await customerMe({ ...ctx, db: tx }),
    };
  });
}

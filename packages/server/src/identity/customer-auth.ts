import { createHash, randomInt } from 'node:crypto';
import type { customerCodeRequestSchema, customerLoginRequestSchema } from '@orderloop/contract';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireCustomer } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { businesses, customerIdentities, customers, loginCodes } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { AuthError, FeatureDisabledError, NotFoundError, RateLimitError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { hit } from './rate-limit.ts';
import { createSession } from './sessions.ts';

const CODE_TTL_MS = 5 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const codeHash = (businessId: string, phone: string, code: string) =>
  createHash('sha256').update(`${businessId}:${phone}:${code}`).digest('hex');

function requireDevLogin(ctx: Ctx) {
  if (!ctx.config.devLogin) throw new FeatureDisabledError({ key: 'feature.devLogin' });
}

export async function businessBySlug(ctx: Ctx, slug: string) {
  const [b] = await ctx.db.select().from(businesses).where(eq(businesses.slug, slug));
  if (!b) throw new NotFoundError('business');
  return b;
}

/**
 * H5 login, step 1. The "dev sender" is the server log plus the response itself: it exists only
 * while DEV_LOGIN is on (never in production), until a real SMS channel is configured.
 */
export async function requestCustomerCode(ctx: Ctx, input: z.output<typeof customerCodeRequestSchema>) {
  requireDevLogin(ctx);
  const business = await businessBySlug(ctx, input.business);
  for (const [key, max] of [
    [`code:phone:${input.phone}`, 5],
    [`code:ip:${ctx.ip}`, 30],
  ] as const) {
    const { count, retryAfter } = await hit(ctx.db, key, ctx.clock.now(), 15);
    if (count > max)
      throw new RateLimitError(retryAfter, { key: 'auth.rateLimited', vars: { seconds: retryAfter } });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const id = newId();
    await tx.insert(loginCodes).values({
      id,
      businessId: business.id,
      phone: input.phone,
      codeHash: codeHash(business.id, input.phone, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'customer.code_sent',
      entityType: 'login_code',
      entityId: id,
      businessId: business.id,
    });
  });
  ctx.log.info({ phone: input.phone, code }, 'dev sender: customer login code');
  return { sent: true as const, devCode: code };
}

export async function customerLogin(ctx: Ctx, input: z.output<typeof customerLoginRequestSchema>) {
  requireDevLogin(ctx);
  const business = await businessBySlug(ctx, input.business);
  const now = ctx.clock.now();
  const [pending] = await ctx.db
    .select()
    .from(loginCodes)
    .where(
      and(
        eq(loginCodes.businessId, business.id),
        eq(loginCodes.phone, input.phone),
        isNull(loginCodes.usedAt),
        gt(loginCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(loginCodes.createdAt))
    .limit(1);
  const invalid = () => new AuthError('AUTH_INVALID_CREDENTIALS', { key: 'auth.codeInvalid' });
  if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) throw invalid();
  if (pending.codeHash !== codeHash(business.id, input.phone, input.code)) {
    await ctx.db
      .update(loginCodes)
      .set({ attempts: sql`${loginCodes.attempts} + 1` })
      .where(eq(loginCodes.id, pending.id));
    throw invalid();
  }
  return ctx.db.transaction(async (tx) => {
    // the conditional update makes a code single-use even under concurrent logins
    const used = await tx
      .update(loginCodes)
      .set({ usedAt: now })
      .where(and(eq(loginCodes.id, pending.id), isNull(loginCodes.usedAt)))
      .returning({ id: loginCodes.id });
    if (!used.length) throw invalid();
    return signInCustomer(tx, ctx, {
      businessId: business.id,
      channel: 'h5',
      subject: input.phone,
      phone: input.phone,
    });
  });
}

/**
 * The customer behind a channel identity — created with it on first sight — signed in with a token
 * session and audited, in the caller's transaction. Every customer login ends here.
 */
export async function signInCustomer(
  tx: Tx,
  ctx: Ctx,
  who: { businessId: string; channel: 'h5' | 'wechat' | 'alipay'; subject: string; phone?: string },
) {
  const now = ctx.clock.now();
  const [identity] = await tx
    .select()
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.businessId, who.businessId),
        eq(customerIdentities.channel, who.channel),
        eq(customerIdentities.subject, who.subject),
      ),
    );
  let customerId = identity?.customerId;
  if (!customerId) {
    customerId = newId();
    await tx.insert(customers).values({
      id: customerId,
      businessId: who.businessId,
      kind: 'person',
      phone: who.phone,
      createdAt: now,
    });
    await tx.insert(customerIdentities).values({
      id: newId(),
      businessId: who.businessId,
      customerId,
      channel: who.channel,
      subject: who.subject,
      createdAt: now,
    });
  }
  const session = await createSession(tx, ctx, {
    businessId: who.businessId,
    principal: { customerId },
    mode: 'token',
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  ctx.actor = { kind: 'customer', customerId, businessId: who.businessId, sessionId: '' };
  await recordAudit(tx, ctx, {
    action: 'customer.login',
    entityType: 'customer',
    entityId: customerId,
    // the phone login has always said only its channel
    after: who.channel === 'h5' ? { channel: 'h5' } : { channel: who.channel, firstTime: !identity },
  });
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    me: await customerMe({ ...ctx, db: tx }),
  };
}

export async function customerMe(ctx: Ctx) {
  const actor = requireCustomer(ctx.actor);
  const [row] = await ctx.db
    .select({ c: customers, b: businesses })
    .from(customers)
    .innerJoin(businesses, eq(businesses.id, customers.businessId))
    .where(eq(customers.id, actor.customerId));
  if (!row) throw new NotFoundError('customer');
  return {
    kind: 'customer' as const,
    customer: { id: row.c.id, name: row.c.name, phone: row.c.phone, locale: row.c.locale },
    business: { id: row.b.id, name: row.b.name, kind: row.b.kind },
  };
}

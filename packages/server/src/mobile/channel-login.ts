import { createHash } from 'node:crypto';
import type { channelLoginSchema } from '@orderloop/contract';
import type { z } from 'zod';
import type { Ctx } from '../http/context.ts';
import { businessBySlug, signInCustomer } from '../identity/customer-auth.ts';
import { hit } from '../identity/rate-limit.ts';
import { FeatureDisabledError, RateLimitError } from '../lib/errors.ts';

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
  const business = await businessBySlug(ctx, input.business);
  return ctx.db.transaction((tx) => signInCustomer(tx, ctx, { businessId: business.id, channel, subject }));
}

import { type changePasswordSchema, type loginRequestSchema, translate } from '@orderloop/contract';
import { eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireStaff } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { AuthError, RateLimitError, ValidationError } from '../lib/errors.ts';
import { buildMe } from './me.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hit } from './rate-limit.ts';
import { createSession, loadGrants, revokeSession, revokeUserSessions } from './sessions.ts';

type LoginInput = z.output<typeof loginRequestSchema>;

async function limit(ctx: Ctx, key: string, max: number) {
  const { count, retryAfter } = await hit(ctx.db, key, ctx.clock.now(), ctx.config.login.windowMinutes);
  if (count > max)
    throw new RateLimitError(retryAfter, { key: 'auth.rateLimited', vars: { seconds: retryAfter } });
}

export async function login(ctx: Ctx, input: LoginInput) {
  const name = input.username.toLowerCase();
  await limit(ctx, `login:ip:${ctx.ip}`, ctx.config.login.ipLimit);
  await limit(ctx, `login:account:${name}`, ctx.config.login.accountLimit);

  const now = ctx.clock.now();
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(or(eq(users.username, name), eq(users.phone, input.username)))
    .limit(1);
  if (user?.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    const err = new AuthError('AUTH_ACCOUNT_LOCKED', { key: 'auth.locked', vars: { minutes } });
    err.meta = { lockedUntil: user.lockedUntil.toISOString() };
    throw err;
  }
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) {
    if (user) await recordFailure(ctx, user.id, user.businessId, user.failedLogins + 1);
    throw new AuthError('AUTH_INVALID_CREDENTIALS', { key: 'auth.invalidCredentials' });
  }
  if (user.status !== 'active') throw new AuthError('AUTH_ACCOUNT_DISABLED', { key: 'auth.disabled' });

  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, ctx, {
      businessId: user.businessId,
      principal: { userId: user.id },
      mode: input.mode,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    const actor: StaffActor = {
      kind: 'staff',
      userId: user.id,
      businessId: user.businessId,
      username: user.username,
      displayName: user.displayName,
      locale: user.locale,
      grants: await loadGrants(tx, user.id),
      sessionId: '',
      sessionMode: input.mode,
    };
    ctx.actor = actor;
    await recordAudit(tx, ctx, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { mode: input.mode },
    });
    return { session, me: await buildMe({ ...ctx, db: tx }, actor) };
  });
}

/** Counts a failed sign-in; the threshold locks the account for a while. Committed even though the request fails. */
async function recordFailure(ctx: Ctx, userId: string, businessId: string, failures: number) {
  const { maxFailures, lockMinutes } = ctx.config.login;
  const lock = failures >= maxFailures;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set(
        lock
          ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) }
          : { failedLogins: sql`${users.failedLogins} + 1` },
      )
      .where(eq(users.id, userId));
    await recordAudit(tx, ctx, {
      action: lock ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      businessId,
      actor: { type: 'system', id: null, name: null },
      after: { failures },
    });
  });
}

export async function logout(ctx: Ctx) {
  const actor = requireStaff(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await revokeSession(tx, actor.sessionId, ctx.clock.now());
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
  return { ok: true as const };
}

export async function changePassword(ctx: Ctx, input: z.output<typeof changePasswordSchema>) {
  const actor = requireStaff(ctx.actor);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(user!.passwordHash, input.currentPassword))) {
    throw new ValidationError([
      {
        field: 'body.currentPassword',
        code: 'wrong_password',
        message: translate(ctx.locale, 'auth.wrongPassword'),
      },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, actor.userId));
    await revokeUserSessions(tx, actor.userId, now, actor.sessionId);
    await recordAudit(tx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.userId,
      before: { passwordHash: 'x' },
      after: { passwordHash: 'y' },
    });
  });
  return { ok: true as const };
}

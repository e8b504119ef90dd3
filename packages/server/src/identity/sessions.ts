import { createHash, timingSafeEqual } from 'node:crypto';
import type { Locale, Permission } from '@orderloop/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Grant, StaffActor } from '../access/actor.ts';
import type { DbOrTx } from '../db/connect.ts';
import { roleGrants, roles, sessions, users } from '../db/schema.ts';
import type { Deps } from '../http/context.ts';
import { newToken } from '../lib/ids.ts';

export const SESSION_COOKIE = 'ol_session';
export const CSRF_COOKIE = 'ol_csrf';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type NewSession = {
  businessId: string;
  principal: { userId: string } | { customerId: string };
  mode: 'cookie' | 'token';
  ip: string;
  userAgent: string | null;
};

export async function createSession(db: DbOrTx, deps: Pick<Deps, 'clock' | 'config'>, s: NewSession) {
  const now = deps.clock.now();
  const token = newToken();
  const csrfToken = s.mode === 'cookie' ? newToken(24) : null;
  const absoluteExpiresAt = new Date(now.getTime() + deps.config.sessionMaxMs);
  const expiresAt = new Date(
    Math.min(now.getTime() + deps.config.sessionIdleMs, absoluteExpiresAt.getTime()),
  );
  await db.insert(sessions).values({
    id: hashToken(token),
    businessId: s.businessId,
    userId: 'userId' in s.principal ? s.principal.userId : null,
    customerId: 'customerId' in s.principal ? s.principal.customerId : null,
    mode: s.mode,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    absoluteExpiresAt,
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** A grant as a select of role_grants joined with roles. */
export const grantColumns = {
  id: roleGrants.id,
  roleId: roles.id,
  roleKey: roles.key,
  roleName: roles.name,
  permissions: roles.permissions,
  scope: roleGrants.scope,
  storeId: roleGrants.storeId,
};

export async function loadGrants(db: DbOrTx, userId: string): Promise<Grant[]> {
  const rows = await db
    .select(grantColumns)
    .from(roleGrants)
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(roleGrants.createdAt, roleGrants.id);
  return rows.map((r) => ({ ...r, permissions: r.permissions as Permission[] }));
}

export type ResolvedSession =
  | { ok: true; actor: Actor; csrfToken: string | null }
  | { ok: false; reason: 'expired' | 'disabled' };

const SLIDE_EVERY_MS = 60_000;

/** Looks a presented token up; slides its idle expiry at most once a minute to spare writes. */
export async function resolveSession(
  deps: Deps,
  token: string,
  mode: 'cookie' | 'token',
): Promise<ResolvedSession> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const id = hashToken(token);
  // one round trip per request: the session, its user and the user's grants as they are now
  const [found] = await db
    .select({
      s: sessions,
      u: users,
      grants: sql<Grant[]>`(SELECT coalesce(json_agg(json_build_object('id', g.id, 'roleId', r.id,
          'roleKey', r.key, 'roleName', r.name, 'permissions', r.permissions, 'scope', g.scope,
          'storeId', g.store_id) ORDER BY g.created_at, g.id), '[]'::json)
        FROM ${roleGrants} g JOIN ${roles} r ON r.id = g.role_id WHERE g.user_id = ${sessions.userId})`,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), eq(sessions.mode, mode), isNull(sessions.revokedAt)));
  const s = found?.s;
  if (!s || s.expiresAt <= now || s.absoluteExpiresAt <= now) return { ok: false, reason: 'expired' };
  if (now.getTime() - s.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + config.sessionIdleMs, s.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  if (s.customerId) {
    return {
      ok: true,
      csrfToken: null,
      actor: { kind: 'customer', customerId: s.customerId, businessId: s.businessId, sessionId: id },
    };
  }
  const u = found!.u;
  if (!u) return { ok: false, reason: 'expired' };
  if (u.status !== 'active') return { ok: false, reason: 'disabled' };
  const grants = typeof found!.grants === 'string' ? (JSON.parse(found!.grants) as Grant[]) : found!.grants;
  return {
    ok: true,
    csrfToken: s.csrfToken,
    actor: await staffActor(db, u, { id, mode: s.mode }, grants),
  };
}

/** A staff user as an actor, with their grants as they are now (also for work done on their behalf later). */
export async function staffActor(
  db: DbOrTx,
  u: typeof users.$inferSelect,
  session: { id: string; mode: 'cookie' | 'token' },
  /** The user's grants when the caller read them already. */
  grants?: Grant[],
): Promise<StaffActor> {
  return {
    kind: 'staff',
    userId: u.id,
    businessId: u.businessId,
    username: u.username,
    displayName: u.displayName,
    locale: u.locale as Locale,
    grants: grants ?? (await loadGrants(db, u.id)),
    sessionId: session.id,
    sessionMode: session.mode,
  };
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every live session of a user (optionally keeping one); returns how many. */
export async function revokeUserSessions(
  db: DbOrTx,
  userId: string,
  now: Date,
  keep?: string,
): Promise<number> {
  const res = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keep ? sql`${sessions.id} <> ${keep}` : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return res.length;
}

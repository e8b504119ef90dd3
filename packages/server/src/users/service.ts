import type {
  createUserSchema,
  setGrantsSchema,
  User,
  updateUserSchema,
  userListQuery,
} from '@orderloop/contract';
import { and, asc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { canGrant, requirePermission, type Scope } from '../access/access.ts';
import type { Grant } from '../access/actor.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { roleGrants, roles, stores, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { hashPassword } from '../identity/passwords.ts';
import { grantColumns, loadGrants, revokeUserSessions } from '../identity/sessions.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import {
  ConflictError,
  constraintOf,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
} from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type UserRow = typeof users.$inferSelect;
type GrantInput = z.output<typeof setGrantsSchema>['grants'][number];

const toUser = (u: UserRow, grants: Grant[]): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  phone: u.phone,
  email: u.email,
  locale: u.locale,
  status: u.status,
  createdAt: u.createdAt.toISOString(),
  lockedUntil: u.lockedUntil?.toISOString() ?? null,
  grants: grants.map(({ permissions: _, ...g }) => g),
});

/** A user is "in" the stores of their grants; scope over users follows that, `own` meaning oneself. */
function userScopeFilter(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.storeIds.length) {
    parts.push(
      sql`EXISTS (SELECT 1 FROM ${roleGrants} g WHERE g.user_id = ${users.id} AND g.store_id IN ${scope.storeIds})`,
    );
  }
  if (scope.own) parts.push(eq(users.id, scope.actor.userId));
  return parts.length ? or(...parts) : sql`false`;
}

async function visibleUser(db: DbOrTx, scope: Scope, id: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.businessId, scope.actor.businessId)));
  if (!u) throw new NotFoundError('user');
  const grants = await loadGrants(db, u.id);
  const visible =
    scope.all ||
    u.id === scope.actor.userId ||
    grants.some((g) => g.storeId && scope.storeIds.includes(g.storeId));
  if (!visible) throw new ForbiddenError({ key: 'forbidden.scope' });
  return { user: u, grants };
}

export async function listUsers(
  ctx: Ctx,
  q: z.output<typeof userListQuery> & { cursor?: string; limit: number },
) {
  const scope = requirePermission(ctx.actor, 'users.read');
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const rows = await ctx.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.businessId, scope.actor.businessId),
        userScopeFilter(scope),
        like
          ? or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.phone, like))
          : undefined,
        q.storeId
          ? sql`EXISTS (SELECT 1 FROM ${roleGrants} g WHERE g.user_id = ${users.id} AND g.store_id = ${q.storeId})`
          : undefined,
        after
          ? or(gt(users.username, after[0]), and(eq(users.username, after[0]), gt(users.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(asc(users.username), asc(users.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (u) => [u.username, u.id]);
  const grants = await grantsFor(
    ctx.db,
    page.items.map((u) => u.id),
  );
  return { items: page.items.map((u) => toUser(u, grants.get(u.id) ?? [])), nextCursor: page.nextCursor };
}

async function grantsFor(db: DbOrTx, userIds: string[]) {
  const map = new Map<string, Grant[]>();
  if (!userIds.length) return map;
  const rows = await db
    .select({ userId: roleGrants.userId, ...grantColumns })
    .from(roleGrants)
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(roleGrants.createdAt, roleGrants.id);
  for (const { userId, ...g } of rows) map.set(userId, [...(map.get(userId) ?? []), g as Grant]);
  return map;
}

export async function getUser(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'users.read');
  const { user, grants } = await visibleUser(ctx.db, scope, id);
  return toUser(user, grants);
}

/** Checks every grant against the business and against what the granting actor holds. */
async function checkGrants(db: DbOrTx, scope: Scope, grants: GrantInput[]) {
  const actor = scope.actor;
  const resolved: { roleKey: string; roleId: string; scope: string; storeId: string | null }[] = [];
  for (const [i, g] of grants.entries()) {
    const [role] = await db
      .select()
      .from(roles)
      .where(and(eq(roles.id, g.roleId), eq(roles.businessId, actor.businessId)));
    if (!role) throw new NotFoundError('role');
    const storeId = g.scope === 'all' ? null : (g.storeId ?? null);
    if (storeId) {
      const [store] = await db
        .select({ id: stores.id })
        .from(stores)
        .where(and(eq(stores.id, storeId), eq(stores.businessId, actor.businessId)));
      if (!store) throw new NotFoundError('store');
    }
    if (
      !canGrant(actor, role.permissions as never, g.scope, storeId) ||
      !(scope.all || (storeId && scope.storeIds.includes(storeId)))
    ) {
      const err = new ForbiddenError({ key: 'forbidden.grantScope' });
      err.fields = [{ field: `body.grants.${i}`, code: 'grant_exceeds_scope', message: role.key }];
      throw err;
    }
    resolved.push({ roleKey: role.key, roleId: role.id, scope: g.scope, storeId });
  }
  return resolved;
}

async function writeGrants(db: DbOrTx, userId: string, grants: GrantInput[], now: Date) {
  await db.delete(roleGrants).where(eq(roleGrants.userId, userId));
  if (grants.length) {
    await db.insert(roleGrants).values(
      grants.map((g) => ({
        id: newId(),
        userId,
        roleId: g.roleId,
        scope: g.scope,
        storeId: g.scope === 'all' ? null : (g.storeId ?? null),
        createdAt: now,
      })),
    );
  }
}

/** Grants as "role:scope@store" strings: what a person reading the audit log can follow. */
const grantSummary = (grants: { roleKey: string; scope: string; storeId: string | null }[]) =>
  grants.map((g) => `${g.roleKey}:${g.scope}${g.storeId ? `@${g.storeId}` : ''}`);

function uniqueToConflict(err: unknown, value: { username: string; phone?: string | null }): never {
  if (!isUniqueViolation(err)) throw err;
  const field = constraintOf(err)?.includes('phone') ? 'phone' : 'username';
  throw new ConflictError(
    'ALREADY_EXISTS',
    { key: 'conflict.exists', vars: { field, value: String(value[field] ?? '') } },
    `body.${field}`,
  );
}

export async function createUser(ctx: Ctx, input: z.output<typeof createUserSchema>) {
  const scope = requirePermission(ctx.actor, 'users.manage');
  if (!scope.all && !input.grants.length) {
    // a store manager's new user must land in one of their stores, or they could never see it again
    throw new ForbiddenError({ key: 'forbidden.grantScope' });
  }
  const granted = await checkGrants(ctx.db, scope, input.grants);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(users).values({
        id,
        businessId: scope.actor.businessId,
        username: input.username,
        displayName: input.displayName,
        phone: input.phone ?? null,
        email: input.email ?? null,
        passwordHash,
        locale: input.locale,
        createdAt: now,
        passwordChangedAt: now,
      });
      await writeGrants(tx, id, input.grants, now);
      await recordAudit(tx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        storeId: input.grants.find((g) => g.storeId)?.storeId ?? null,
        after: {
          username: input.username,
          displayName: input.displayName,
          phone: input.phone ?? null,
          email: input.email ?? null,
          locale: input.locale,
          grants: grantSummary(granted),
        },
      });
    });
  } catch (err) {
    uniqueToConflict(err, input);
  }
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: z.output<typeof updateUserSchema>) {
  const scope = requirePermission(ctx.actor, 'users.manage');
  const { user } = await visibleUser(ctx.db, scope, id);
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.update(users).set(input).where(eq(users.id, id));
      if (input.status === 'disabled' && user.status !== 'disabled') await revokeUserSessions(tx, id, now);
      await recordAudit(tx, ctx, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: fieldsOf(user, input),
        after: input,
      });
    });
  } catch (err) {
    uniqueToConflict(err, { username: user.username, phone: input.phone });
  }
  return getUser(ctx, id);
}

export async function setUserGrants(ctx: Ctx, id: string, input: z.output<typeof setGrantsSchema>) {
  const scope = requirePermission(ctx.actor, 'roles.manage');
  const { grants: current } = await visibleUser(ctx.db, scope, id);
  // removing a grant is as strong as giving it: only within what the actor could have granted
  for (const g of current) {
    if (!canGrant(scope.actor, g.permissions, g.scope, g.storeId))
      throw new ForbiddenError({ key: 'forbidden.grantScope' });
  }
  const granted = await checkGrants(ctx.db, scope, input.grants);
  await ctx.db.transaction(async (tx) => {
    await writeGrants(tx, id, input.grants, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'user.grants_changed',
      entityType: 'user',
      entityId: id,
      before: { grants: grantSummary(current) },
      after: { grants: grantSummary(granted) },
    });
  });
  return getUser(ctx, id);
}

export async function revokeSessionsOf(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'users.manage');
  await visibleUser(ctx.db, scope, id);
  return ctx.db.transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, id, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'user.sessions_revoked',
      entityType: 'user',
      entityId: id,
      after: { revoked },
    });
    return { revoked };
  });
}

import {
  type createRoleSchema,
  type Permission,
  permissionLabel,
  permissions,
  roleLabel,
  type updateRoleSchema,
} from '@orderloop/contract';
import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveScope, requirePermission, requireStaff, type Scope } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { roleGrants, roles } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import {
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
  ValidationError,
} from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export function listPermissions(ctx: Ctx) {
  requireStaff(ctx.actor);
  return permissions.map((p) => ({ permission: p, label: permissionLabel(p, ctx.locale) }));
}

async function roleRows(ctx: Ctx, businessId: string, id?: string) {
  return ctx.db
    .select({ role: roles, userCount: count(roleGrants.id) })
    .from(roles)
    .leftJoin(roleGrants, eq(roleGrants.roleId, roles.id))
    .where(and(eq(roles.businessId, businessId), id ? eq(roles.id, id) : undefined))
    .groupBy(roles.id)
    .orderBy(asc(roles.builtIn), asc(roles.key));
}

const toRole = (ctx: Ctx, { role, userCount }: Awaited<ReturnType<typeof roleRows>>[number]) => ({
  id: role.id,
  key: role.key,
  name: role.builtIn ? roleLabel(role.key, ctx.locale, role.name) : role.name,
  permissions: role.permissions as Permission[],
  builtIn: role.builtIn,
  userCount: Number(userCount),
});

export async function listRoles(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'users.read');
  return (await roleRows(ctx, scope.actor.businessId)).map((r) => toRole(ctx, r));
}

async function getRole(ctx: Ctx, scope: Scope, id: string) {
  const [row] = await roleRows(ctx, scope.actor.businessId, id);
  if (!row) throw new NotFoundError('role');
  return row;
}

/** A role changes what everyone holding it may do, so only someone holding all of it everywhere may shape it. */
function assertCanShape(scope: Scope, perms: readonly Permission[]) {
  if (!scope.all || !perms.every((p) => effectiveScope(scope.actor, p)?.all)) {
    throw new ForbiddenError({ key: 'forbidden.grantScope' });
  }
}

export async function createRole(ctx: Ctx, input: z.output<typeof createRoleSchema>) {
  const scope = requirePermission(ctx.actor, 'roles.manage');
  assertCanShape(scope, input.permissions);
  const id = newId();
  const perms = [...new Set(input.permissions)];
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(roles).values({
        id,
        businessId: scope.actor.businessId,
        key: input.key,
        name: input.name,
        permissions: perms,
      });
      await recordAudit(tx, ctx, {
        action: 'role.created',
        entityType: 'role',
        entityId: id,
        after: { key: input.key, name: input.name, permissions: perms },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new ConflictError(
      'ALREADY_EXISTS',
      { key: 'conflict.exists', vars: { field: 'key', value: input.key } },
      'body.key',
    );
  }
  return toRole(ctx, await getRole(ctx, scope, id));
}

export async function updateRole(ctx: Ctx, id: string, input: z.output<typeof updateRoleSchema>) {
  const scope = requirePermission(ctx.actor, 'roles.manage');
  const { role } = await getRole(ctx, scope, id);
  const next = input.permissions ? [...new Set(input.permissions)] : undefined;
  // an empty patch has nothing to write (and an UPDATE without columns is an SQL error)
  if (!input.name && !next)
    throw new ValidationError([
      { field: 'body', code: 'empty', message: 'Give a name or permissions to change' },
    ]);
  assertCanShape(scope, [...(role.permissions as Permission[]), ...(next ?? [])]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(roles)
      .set({ ...(input.name ? { name: input.name } : {}), ...(next ? { permissions: next } : {}) })
      .where(eq(roles.id, id));
    await recordAudit(tx, ctx, {
      action: 'role.updated',
      entityType: 'role',
      entityId: id,
      before: { name: role.name, permissions: role.permissions },
      after: { name: input.name ?? role.name, permissions: next ?? role.permissions },
    });
  });
  return toRole(ctx, await getRole(ctx, scope, id));
}

export async function deleteRole(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'roles.manage');
  const { role, userCount } = await getRole(ctx, scope, id);
  if (role.builtIn) throw new ConflictError('CONFLICT', { key: 'conflict.builtInRole' });
  if (Number(userCount) > 0)
    throw new ConflictError('CONFLICT', { key: 'conflict.roleInUse', vars: { count: Number(userCount) } });
  assertCanShape(scope, role.permissions as Permission[]);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(roles).where(eq(roles.id, id));
    await recordAudit(tx, ctx, {
      action: 'role.deleted',
      entityType: 'role',
      entityId: id,
      before: { key: role.key, permissions: role.permissions },
    });
  });
}

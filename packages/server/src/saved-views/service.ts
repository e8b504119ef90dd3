import type { SavedView, savedViewInputSchema } from '@orderloop/contract';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import { savedViews } from '../db/order-tools-schema.ts';
import { roles, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type Input = z.output<typeof savedViewInputSchema>;
type Row = typeof savedViews.$inferSelect;

const toView = (v: Row, ownerName: string, actor: StaffActor): SavedView => ({
  id: v.id,
  name: v.name,
  filter: v.filter,
  columns: v.columns,
  sort: v.sort as SavedView['sort'],
  sharedRoleId: v.sharedRoleId,
  ownerId: v.ownerId,
  ownerName,
  editable: v.ownerId === actor.userId,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** Mine, or shared with a role I hold. */
const visibleTo = (actor: StaffActor) => {
  const roleIds = [...new Set(actor.grants.map((g) => g.roleId))];
  return and(
    eq(savedViews.businessId, actor.businessId),
    or(
      eq(savedViews.ownerId, actor.userId),
      roleIds.length ? inArray(savedViews.sharedRoleId, roleIds) : undefined,
    ),
  );
};

const selectViews = (ctx: Ctx) =>
  ctx.db
    .select({ v: savedViews, ownerName: users.displayName })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId));

export async function listSavedViews(ctx: Ctx): Promise<SavedView[]> {
  const { actor } = requirePermission(ctx.actor, 'orders.read');
  const rows = await selectViews(ctx)
    .where(visibleTo(actor))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map((r) => toView(r.v, r.ownerName, actor));
}

/** A view I may change: one nobody shared with me is not found; one shared with me is read-only. */
async function ownView(ctx: Ctx, actor: StaffActor, id: string) {
  const [r] = await selectViews(ctx).where(and(eq(savedViews.id, id), visibleTo(actor)));
  if (!r) throw new NotFoundError('saved view');
  if (r.v.ownerId !== actor.userId) throw new ForbiddenError({ key: 'view.notOwner' });
  return r;
}

async function assertRole(ctx: Ctx, actor: StaffActor, roleId: string | null | undefined) {
  if (!roleId) return;
  const [role] = await ctx.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.id, roleId), eq(roles.businessId, actor.businessId)));
  if (!role) {
    const err = new NotFoundError('role');
    err.fields = [{ field: 'body.sharedRoleId', code: 'not_found', message: '' }];
    throw err;
  }
}

const nameTaken = (err: unknown, name: string | undefined) => {
  if (!isUniqueViolation(err)) return err;
  return new ConflictError(
    'ALREADY_EXISTS',
    { key: 'conflict.exists', vars: { field: 'name', value: name ?? '' } },
    'body.name',
  );
};

const snapshot = (v: Pick<Row, 'name' | 'filter' | 'columns' | 'sort' | 'sharedRoleId'>) => ({
  name: v.name,
  filter: v.filter,
  columns: v.columns,
  sort: v.sort,
  sharedRoleId: v.sharedRoleId,
});

export async function createSavedView(ctx: Ctx, input: Input): Promise<SavedView> {
  const { actor } = requirePermission(ctx.actor, 'orders.read');
  await assertRole(ctx, actor, input.sharedRoleId);
  const now = ctx.clock.now();
  const row: Row = {
    id: newId(),
    businessId: actor.businessId,
    ownerId: actor.userId,
    ...snapshot(input),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(savedViews).values(row);
      await recordAudit(tx, ctx, {
        action: 'saved_view.created',
        entityType: 'saved_view',
        entityId: row.id,
        after: snapshot(row),
      });
    });
  } catch (err) {
    throw nameTaken(err, input.name);
  }
  return toView(row, actor.displayName, actor);
}

export async function updateSavedView(ctx: Ctx, id: string, input: Partial<Input>): Promise<SavedView> {
  const { actor } = requirePermission(ctx.actor, 'orders.read');
  const { v, ownerName } = await ownView(ctx, actor, id);
  await assertRole(ctx, actor, input.sharedRoleId);
  const next: Row = { ...v, ...input, updatedAt: ctx.clock.now() };
  try {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(savedViews)
        .set({ ...snapshot(next), updatedAt: next.updatedAt })
        .where(eq(savedViews.id, id));
      await recordAudit(tx, ctx, {
        action: 'saved_view.updated',
        entityType: 'saved_view',
        entityId: id,
        before: fieldsOf(v, input),
        after: fieldsOf(next, input),
      });
    });
  } catch (err) {
    throw nameTaken(err, input.name);
  }
  return toView(next, ownerName, actor);
}

export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  const { actor } = requirePermission(ctx.actor, 'orders.read');
  const { v } = await ownView(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(savedViews).where(eq(savedViews.id, id));
    await recordAudit(tx, ctx, {
      action: 'saved_view.deleted',
      entityType: 'saved_view',
      entityId: id,
      before: snapshot(v),
    });
  });
}

import type { createStoreSchema, updateStoreSchema } from '@orderloop/contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, type Scope, storesOf } from '../access/access.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type StoreRow = typeof stores.$inferSelect;
const toStore = ({ businessId: _, createdAt, ...s }: StoreRow) => ({
  ...s,
  createdAt: createdAt.toISOString(),
});

/** A store of the actor's business within their scope: NOT_FOUND across tenants, FORBIDDEN across stores. */
export async function findStore(ctx: Ctx, scope: Scope, id: string) {
  const [s] = await ctx.db
    .select()
    .from(stores)
    .where(and(eq(stores.id, id), eq(stores.businessId, scope.actor.businessId)));
  if (!s) throw new NotFoundError('store');
  const r = storesOf(scope);
  if (r !== 'all' && !r.includes(s.id)) throw new ForbiddenError({ key: 'forbidden.scope' });
  return s;
}

export async function listStores(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'stores.read');
  const r = storesOf(scope);
  const rows = await ctx.db
    .select()
    .from(stores)
    .where(
      and(
        eq(stores.businessId, scope.actor.businessId),
        r === 'all' ? undefined : r.length ? inArray(stores.id, r) : sql`false`,
      ),
    )
    .orderBy(asc(stores.code));
  return rows.map((s) => toStore(s));
}

export async function getStore(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'stores.read');
  return toStore(await findStore(ctx, scope, id));
}

export async function createStore(ctx: Ctx, input: z.output<typeof createStoreSchema>) {
  const scope = requirePermission(ctx.actor, 'stores.manage');
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  const id = newId();
  try {
    await ctx.db.transaction(async (tx) => {
      const row = {
        id,
        businessId: scope.actor.businessId,
        ...input,
        address: input.address ?? null,
        phone: input.phone ?? null,
        createdAt: ctx.clock.now(),
      };
      await tx.insert(stores).values(row);
      await recordAudit(tx, ctx, {
        action: 'store.created',
        entityType: 'store',
        entityId: id,
        storeId: id,
        after: input,
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new ConflictError(
      'ALREADY_EXISTS',
      { key: 'conflict.exists', vars: { field: 'code', value: input.code } },
      'body.code',
    );
  }
  return getStore(ctx, id);
}

export async function updateStore(ctx: Ctx, id: string, input: z.output<typeof updateStoreSchema>) {
  const scope = requirePermission(ctx.actor, 'stores.manage');
  const before = await findStore(ctx, scope, id);
  await ctx.db.transaction(async (tx) => {
    await tx.update(stores).set(input).where(eq(stores.id, id));
    await recordAudit(tx, ctx, {
      action: 'store.updated',
      entityType: 'store',
      entityId: id,
      storeId: id,
      before: fieldsOf(before, input),
      after: input,
    });
  });
  return getStore(ctx, id);
}

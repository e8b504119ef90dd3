import type { categoryInputSchema, updateCategorySchema } from '@orderloop/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import { categories } from '../db/catalog-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { requireCatalogWrite } from './product-write.ts';

type Row = typeof categories.$inferSelect;
const toCategory = ({ businessId: _, createdAt: __, ...c }: Row) => c;

export async function listCategories(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'catalog.read');
  const rows = await ctx.db
    .select()
    .from(categories)
    .where(eq(categories.businessId, scope.actor.businessId))
    .orderBy(asc(categories.sort), asc(categories.name));
  return rows.map(toCategory);
}

async function find(ctx: Ctx, businessId: string, id: string) {
  const [c] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.id, id), eq(categories.businessId, businessId)));
  if (!c) throw new NotFoundError('category');
  return c;
}

/** Categories nest one level: a parent must itself be top-level, and a category with children cannot move under another. */
async function checkParent(
  ctx: Ctx,
  businessId: string,
  id: string | null,
  parentId: string | null | undefined,
) {
  if (!parentId) return;
  const parent = await find(ctx, businessId, parentId);
  const fail = (message: string) =>
    new ValidationError([{ field: 'body.parentId', code: 'nesting', message }]);
  if (parent.parentId || parent.id === id) throw fail('categories nest one level only');
  if (id) {
    const [child] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.parentId, id))
      .limit(1);
    if (child) throw fail('this category has sub-categories, so it must stay top-level');
  }
}

export async function createCategory(ctx: Ctx, input: z.output<typeof categoryInputSchema>) {
  const scope = requireCatalogWrite(ctx);
  await checkParent(ctx, scope.actor.businessId, null, input.parentId);
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(categories)
      .values({ id, businessId: scope.actor.businessId, ...input, parentId: input.parentId ?? null });
    await recordAudit(tx, ctx, {
      action: 'category.created',
      entityType: 'category',
      entityId: id,
      after: input,
    });
  });
  return toCategory(await find(ctx, scope.actor.businessId, id));
}

export async function updateCategory(ctx: Ctx, id: string, input: z.output<typeof updateCategorySchema>) {
  const scope = requireCatalogWrite(ctx);
  const before = await find(ctx, scope.actor.businessId, id);
  await checkParent(ctx, scope.actor.businessId, id, input.parentId);
  await ctx.db.transaction(async (tx) => {
    await tx.update(categories).set(input).where(eq(categories.id, id));
    await recordAudit(tx, ctx, {
      action: 'category.updated',
      entityType: 'category',
      entityId: id,
      before: fieldsOf(before, input),
      after: input,
    });
  });
  return toCategory(await find(ctx, scope.actor.businessId, id));
}

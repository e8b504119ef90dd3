import type { productInputSchema, updateProductSchema } from '@orderloop/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requirePermission, type Scope } from '../access/access.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import {
  categories,
  type OptionGroup,
  productSoldOut,
  products,
  skus,
  stockLevels,
} from '../db/catalog-schema.ts';
import type { Tx } from '../db/connect.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import {
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
  ValidationError,
} from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { storeOfBusiness } from '../stores/lookup.ts';
import { findProduct, hydrate } from './product-read.ts';
import { checkVariants } from './variants.ts';

type Input = z.output<typeof productInputSchema>;

/** Reads back with the caller's own scope: a writer need not also hold catalog.read. */
async function readBack(ctx: Ctx, scope: Scope, id: string) {
  const [p] = await hydrate(ctx.db, scope, [await findProduct(ctx.db, scope.actor.businessId, id)]);
  return p!;
}
type Patch = z.output<typeof updateProductSchema>;

/** Catalog edits change every store's menu, so they need catalog.write over the whole business. */
export function requireCatalogWrite(ctx: Ctx): Scope {
  const scope = requirePermission(ctx.actor, 'catalog.write');
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  return scope;
}

async function checkRefs(tx: Tx, businessId: string, input: Patch) {
  if (input.categoryId) {
    const [c] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.id, input.categoryId), eq(categories.businessId, businessId)));
    if (!c) throw new NotFoundError('category');
  }
  if (input.availableStoreIds?.length) {
    const found = await tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(inArray(stores.id, input.availableStoreIds), eq(stores.businessId, businessId)));
    if (found.length !== new Set(input.availableStoreIds).size) throw new NotFoundError('store');
  }
}

/** Upserts SKUs by code; a SKU that disappears from the list is deactivated, never deleted (orders point at it). */
async function writeSkus(tx: Tx, businessId: string, productId: string, list: Input['skus']) {
  const existing = await tx.select().from(skus).where(eq(skus.productId, productId));
  const storeIds = (
    await tx.select({ id: stores.id }).from(stores).where(eq(stores.businessId, businessId))
  ).map((s) => s.id);
  for (const s of list) {
    const match = existing.find((e) => e.code.toUpperCase() === s.code.toUpperCase());
    if (match) {
      await tx
        .update(skus)
        .set({ options: s.options, price: s.price, active: s.active })
        .where(eq(skus.id, match.id));
    } else {
      const id = newId();
      await tx.insert(skus).values({
        id,
        businessId,
        productId,
        code: s.code.toUpperCase(),
        options: s.options,
        price: s.price,
        active: s.active,
      });
      // new SKUs start untracked (unlimited) in every store until someone counts them
      if (storeIds.length)
        await tx
          .insert(stockLevels)
          .values(storeIds.map((storeId) => ({ skuId: id, storeId, tracked: false })));
    }
  }
  const keep = new Set(list.map((s) => s.code.toUpperCase()));
  const gone = existing.filter((e) => !keep.has(e.code.toUpperCase())).map((e) => e.id);
  if (gone.length) await tx.update(skus).set({ active: false }).where(inArray(skus.id, gone));
}

const skuConflict = (err: unknown): never => {
  if (!isUniqueViolation(err)) throw err;
  throw new ConflictError(
    'ALREADY_EXISTS',
    { key: 'conflict.exists', vars: { field: 'SKU code', value: '' } },
    'body.skus',
  );
};

export async function createProduct(ctx: Ctx, input: Input) {
  const scope = requireCatalogWrite(ctx);
  const errors = checkVariants(input.optionGroups as OptionGroup[], input.skus);
  if (errors.length) throw new ValidationError(errors);
  const id = newId();
  try {
    await ctx.db.transaction(async (tx) => {
      await checkRefs(tx, scope.actor.businessId, input);
      const { skus: list, ...fields } = input;
      await tx
        .insert(products)
        .values({ id, businessId: scope.actor.businessId, ...fields, createdAt: ctx.clock.now() });
      await writeSkus(tx, scope.actor.businessId, id, list);
      await recordAudit(tx, ctx, {
        action: 'product.created',
        entityType: 'product',
        entityId: id,
        after: input,
      });
    });
  } catch (err) {
    skuConflict(err);
  }
  return readBack(ctx, scope, id);
}

export async function updateProduct(ctx: Ctx, id: string, input: Patch) {
  const scope = requireCatalogWrite(ctx);
  const before = await readBack(ctx, scope, id);
  const groups = (input.optionGroups ?? before.optionGroups) as OptionGroup[];
  const list =
    input.skus ??
    before.skus
      .filter((s) => s.active)
      .map((s) => ({ code: s.code, options: s.options, price: s.price, active: s.active }));
  const errors = checkVariants(groups, list);
  if (errors.length) throw new ValidationError(errors);
  try {
    await ctx.db.transaction(async (tx) => {
      await checkRefs(tx, scope.actor.businessId, input);
      const { skus: newSkus, ...fields } = input;
      if (Object.keys(fields).length) await tx.update(products).set(fields).where(eq(products.id, id));
      if (newSkus) await writeSkus(tx, scope.actor.businessId, id, newSkus);
      await recordAudit(tx, ctx, {
        action: 'product.updated',
        entityType: 'product',
        entityId: id,
        before: fieldsOf(before, input),
        after: input,
      });
    });
  } catch (err) {
    skuConflict(err);
  }
  return readBack(ctx, scope, id);
}

export async function setSoldOut(ctx: Ctx, id: string, input: { storeId: string; soldOut: boolean }) {
  const scope = requirePermission(ctx.actor, 'stock.adjust');
  await storeOfBusiness(ctx.db, scope.actor.businessId, input.storeId);
  assertInScope(scope, { storeId: input.storeId });
  const product = await findProduct(ctx.db, scope.actor.businessId, id);
  await ctx.db.transaction(async (tx) => {
    if (input.soldOut) {
      await tx
        .insert(productSoldOut)
        .values({
          productId: id,
          storeId: input.storeId,
          since: ctx.clock.now(),
          actorId: scope.actor.userId,
        })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(productSoldOut)
        .where(and(eq(productSoldOut.productId, id), eq(productSoldOut.storeId, input.storeId)));
    }
    await recordAudit(tx, ctx, {
      action: input.soldOut ? 'product.sold_out' : 'product.back_in_stock',
      entityType: 'product',
      entityId: product.id,
      storeId: input.storeId,
      after: { soldOut: input.soldOut },
    });
  });
  return readBack(ctx, scope, id);
}

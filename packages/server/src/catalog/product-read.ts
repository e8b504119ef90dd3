import type { Product, productListQuery } from '@orderloop/contract';
import { and, asc, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, type Scope } from '../access/access.ts';
import { productSoldOut, products, skus, stockLevels } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { NotFoundError } from '../lib/errors.ts';
import { skuLabel } from './variants.ts';

type ProductRow = typeof products.$inferSelect;
/** Whose stock rows to include: a reader's catalog scope, or one store (the storefront menu). */
type StockScope = Pick<Scope, 'all' | 'storeIds'>;

/** Stock rows are shown only for stores the reader's catalog scope reaches. */
const storeFilter = (scope: StockScope, column: typeof stockLevels.storeId): SQL | undefined =>
  scope.all ? undefined : scope.storeIds.length ? inArray(column, scope.storeIds) : sql`false`;

/** Products with their SKUs, stock and sold-out stores, in three queries whatever the page size. */
export async function hydrate(db: DbOrTx, scope: StockScope, rows: ProductRow[]): Promise<Product[]> {
  const ids = rows.map((p) => p.id);
  if (!ids.length) return [];
  const skuRows = await db.select().from(skus).where(inArray(skus.productId, ids)).orderBy(asc(skus.code));
  const skuIds = skuRows.map((s) => s.id);
  const stock = skuIds.length
    ? await db
        .select()
        .from(stockLevels)
        .where(and(inArray(stockLevels.skuId, skuIds), storeFilter(scope, stockLevels.storeId)))
    : [];
  const soldOut = await db.select().from(productSoldOut).where(inArray(productSoldOut.productId, ids));
  return rows.map((p) => ({
    id: p.id,
    categoryId: p.categoryId,
    name: p.name,
    description: p.description,
    unit: p.unit,
    tags: p.tags,
    images: p.images,
    optionGroups: p.optionGroups,
    availableStoreIds: p.availableStoreIds,
    availableWindows: p.availableWindows,
    soldOutStoreIds: soldOut.filter((s) => s.productId === p.id).map((s) => s.storeId),
    active: p.active,
    sort: p.sort,
    createdAt: p.createdAt.toISOString(),
    skus: skuRows
      .filter((s) => s.productId === p.id)
      .map((s) => ({
        id: s.id,
        code: s.code,
        options: s.options,
        label: skuLabel(p.optionGroups, s.options),
        price: s.price,
        active: s.active,
        stock: stock
          .filter((l) => l.skuId === s.id)
          .map((l) => ({
            storeId: l.storeId,
            tracked: l.tracked,
            onHand: l.onHand,
            reserved: l.reserved,
            available: l.tracked ? l.onHand - l.reserved : null,
          })),
      })),
  }));
}

export async function findProduct(db: DbOrTx, businessId: string, id: string) {
  const [p] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.businessId, businessId)));
  if (!p) throw new NotFoundError('product');
  return p;
}

export async function getProduct(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'catalog.read');
  const [p] = await hydrate(ctx.db, scope, [await findProduct(ctx.db, scope.actor.businessId, id)]);
  return p!;
}

export async function listProducts(
  ctx: Ctx,
  q: z.output<typeof productListQuery> & { cursor?: string; limit: number },
) {
  const scope = requirePermission(ctx.actor, 'catalog.read');
  const after = decodeCursor(q.cursor, 3) as [number, string, string] | null;
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const rows = await ctx.db
    .select()
    .from(products)
    .where(
      and(
        eq(products.businessId, scope.actor.businessId),
        q.categoryId ? eq(products.categoryId, q.categoryId) : undefined,
        q.active ? eq(products.active, q.active === 'true') : undefined,
        q.storeId
          ? or(
              isNull(products.availableStoreIds),
              sql`${q.storeId}::uuid = ANY(${products.availableStoreIds})`,
            )
          : undefined,
        like
          ? or(
              ilike(products.name, like),
              sql`EXISTS (SELECT 1 FROM ${skus} s WHERE s.product_id = ${products.id} AND s.code ILIKE ${like})`,
            )
          : undefined,
        after
          ? or(
              gt(products.sort, after[0]),
              and(eq(products.sort, after[0]), gt(products.name, after[1])),
              and(eq(products.sort, after[0]), eq(products.name, after[1]), gt(products.id, after[2])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(products.sort), asc(products.name), asc(products.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (p) => [p.sort, p.name, p.id]);
  return { items: await hydrate(ctx.db, scope, page.items), nextCursor: page.nextCursor };
}

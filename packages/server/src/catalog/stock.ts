import type { stockAdjustSchema, stockListQuery, stockMovementQuery } from '@orderloop/contract';
import { and, asc, desc, eq, gt, ilike, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { products, skus, stockLevels, stockMovements } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { storeOfBusiness } from '../stores/lookup.ts';
import { skuLabel } from './variants.ts';

type Paged<T> = T & { cursor?: string; limit: number };

const stockRowQuery = (db: DbOrTx) =>
  db
    .select({
      level: stockLevels,
      sku: skus,
      product: { id: products.id, name: products.name, optionGroups: products.optionGroups },
    })
    .from(stockLevels)
    .innerJoin(skus, eq(skus.id, stockLevels.skuId))
    .innerJoin(products, eq(products.id, skus.productId));

type Joined = Awaited<ReturnType<ReturnType<typeof stockRowQuery>['execute']>>[number];
const toRow = ({ level: l, sku, product }: Joined) => ({
  storeId: l.storeId,
  tracked: l.tracked,
  onHand: l.onHand,
  reserved: l.reserved,
  available: l.tracked ? l.onHand - l.reserved : null,
  skuId: sku.id,
  skuCode: sku.code,
  skuLabel: skuLabel(product.optionGroups, sku.options),
  productId: product.id,
  productName: product.name,
});

async function readyStore(ctx: Ctx, permission: 'catalog.read' | 'stock.adjust', storeId: string) {
  const scope = requirePermission(ctx.actor, permission);
  await storeOfBusiness(ctx.db, scope.actor.businessId, storeId);
  assertInScope(scope, { storeId });
  return scope;
}

export async function listStock(ctx: Ctx, q: Paged<z.output<typeof stockListQuery>>) {
  const scope = await readyStore(ctx, 'catalog.read', q.storeId);
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const rows = await stockRowQuery(ctx.db)
    .where(
      and(
        eq(stockLevels.storeId, q.storeId),
        eq(skus.businessId, scope.actor.businessId),
        like ? or(ilike(products.name, like), ilike(skus.code, like)) : undefined,
        q.lowOnly === 'true'
          ? sql`${stockLevels.tracked} AND ${stockLevels.onHand} - ${stockLevels.reserved} <= 5`
          : undefined,
        after ? gt(skus.code, after[0]) : undefined,
      ),
    )
    .orderBy(asc(skus.code))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.sku.code]);
  return { items: page.items.map(toRow), nextCursor: page.nextCursor };
}

/**
 * One conditional UPDATE per change: on hand never drops below what orders have reserved, whatever
 * runs concurrently. Every change is a ledger row with its reason and actor.
 */
export async function adjustStock(ctx: Ctx, input: z.output<typeof stockAdjustSchema>) {
  const scope = await readyStore(ctx, 'stock.adjust', input.storeId);
  const [sku] = await ctx.db
    .select()
    .from(skus)
    .where(and(eq(skus.id, input.skuId), eq(skus.businessId, scope.actor.businessId)));
  if (!sku) throw new NotFoundError('SKU');
  const where = and(eq(stockLevels.skuId, input.skuId), eq(stockLevels.storeId, input.storeId));
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(stockLevels)
      .values({ skuId: input.skuId, storeId: input.storeId, tracked: false })
      .onConflictDoNothing();
    const [before] = await tx.select().from(stockLevels).where(where).for('update');
    const b = before!;
    let onHand = b.onHand;
    let tracked = b.tracked;
    if (input.mode === 'untrack') {
      tracked = false;
      onHand = 0;
    } else {
      if (input.mode !== 'track' && !b.tracked)
        throw new ConflictError('CONFLICT', { key: 'stock.untracked' });
      onHand = input.mode === 'delta' ? b.onHand + input.quantity : input.quantity;
      tracked = true;
      if (onHand < b.reserved) {
        const err = new ConflictError(
          'CONFLICT',
          { key: 'stock.belowReserved', vars: { reserved: b.reserved } },
          'body.quantity',
        );
        err.meta = { onHand: b.onHand, reserved: b.reserved };
        throw err;
      }
    }
    await tx.update(stockLevels).set({ onHand, tracked }).where(where);
    const delta = onHand - b.onHand;
    await tx.insert(stockMovements).values({
      id: newId(),
      businessId: scope.actor.businessId,
      skuId: input.skuId,
      storeId: input.storeId,
      deltaOnHand: delta,
      reason: input.reason,
      actorId: scope.actor.userId,
      note: input.note ?? (input.mode === 'track' || input.mode === 'untrack' ? input.mode : null),
      at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'stock.adjusted',
      entityType: 'sku',
      entityId: input.skuId,
      storeId: input.storeId,
      before: { onHand: b.onHand, tracked: b.tracked },
      after: { onHand, tracked, reason: input.reason },
    });
  });
  const [row] = await stockRowQuery(ctx.db).where(where);
  return toRow(row!);
}

export async function listStockMovements(ctx: Ctx, q: Paged<z.output<typeof stockMovementQuery>>) {
  await readyStore(ctx, 'catalog.read', q.storeId);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const rows = await ctx.db
    .select()
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.storeId, q.storeId),
        q.skuId ? eq(stockMovements.skuId, q.skuId) : undefined,
        after
          ? or(
              lt(stockMovements.at, new Date(after[0])),
              and(eq(stockMovements.at, new Date(after[0])), lt(stockMovements.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(stockMovements.at), desc(stockMovements.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (m) => [m.at.toISOString(), m.id]);
  return {
    items: page.items.map(({ businessId: _, at, ...m }) => ({ ...m, at: at.toISOString() })),
    nextCursor: page.nextCursor,
  };
}

import type { priceListInputSchema } from '@orderloop/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { priceListItems, priceLists, skus } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { requireCatalogWrite } from './product-write.ts';

type Input = z.output<typeof priceListInputSchema>;

async function load(db: DbOrTx, businessId: string, id?: string) {
  const lists = await db
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.businessId, businessId), id ? eq(priceLists.id, id) : undefined))
    .orderBy(asc(priceLists.name));
  const items = lists.length
    ? await db
        .select()
        .from(priceListItems)
        .where(
          inArray(
            priceListItems.priceListId,
            lists.map((l) => l.id),
          ),
        )
        .orderBy(asc(priceListItems.minQuantity))
    : [];
  return lists.map((l) => ({
    id: l.id,
    name: l.name,
    currency: l.currency,
    items: items
      .filter((i) => i.priceListId === l.id)
      .map(({ skuId, minQuantity, price }) => ({ skuId, minQuantity, price })),
  }));
}

export async function listPriceLists(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'catalog.read');
  return load(ctx.db, scope.actor.businessId);
}

/** Every SKU must be ours, and each (SKU, quantity break) may appear once. */
async function checkItems(db: DbOrTx, businessId: string, items: Input['items']) {
  const ids = [...new Set(items.map((i) => i.skuId))];
  const found = ids.length
    ? await db
        .select({ id: skus.id })
        .from(skus)
        .where(and(inArray(skus.id, ids), eq(skus.businessId, businessId)))
    : [];
  const known = new Set(found.map((f) => f.id));
  const seen = new Set<string>();
  const errors = items.flatMap((item, i) => {
    const key = `${item.skuId}@${item.minQuantity}`;
    const dup = seen.has(key);
    seen.add(key);
    if (!known.has(item.skuId))
      return [{ field: `body.items.${i}.skuId`, code: 'unknown_sku', message: 'no such SKU' }];
    if (dup)
      return [
        {
          field: `body.items.${i}.minQuantity`,
          code: 'duplicate',
          message: 'this SKU already has a price at this quantity',
        },
      ];
    return [];
  });
  if (errors.length) throw new ValidationError(errors);
}

async function save(ctx: Ctx, id: string | null, input: Input) {
  const scope = requireCatalogWrite(ctx);
  const businessId = scope.actor.businessId;
  const before = id ? (await load(ctx.db, businessId, id))[0] : undefined;
  if (id && !before) throw new NotFoundError('price list');
  await checkItems(ctx.db, businessId, input.items);
  const listId = id ?? newId();
  await ctx.db.transaction(async (tx) => {
    if (id) {
      await tx
        .update(priceLists)
        .set({ name: input.name, currency: input.currency })
        .where(eq(priceLists.id, id));
      await tx.delete(priceListItems).where(eq(priceListItems.priceListId, id));
    } else {
      await tx.insert(priceLists).values({
        id: listId,
        businessId,
        name: input.name,
        currency: input.currency,
        createdAt: ctx.clock.now(),
      });
    }
    if (input.items.length)
      await tx.insert(priceListItems).values(input.items.map((i) => ({ ...i, priceListId: listId })));
    await recordAudit(tx, ctx, {
      action: id ? 'price_list.updated' : 'price_list.created',
      entityType: 'price_list',
      entityId: listId,
      before: before ? { name: before.name, currency: before.currency, items: before.items.length } : null,
      after: { name: input.name, currency: input.currency, items: input.items.length },
    });
  });
  return (await load(ctx.db, businessId, listId))[0]!;
}

export const createPriceList = (ctx: Ctx, input: Input) => save(ctx, null, input);
export const updatePriceList = (ctx: Ctx, id: string, input: Input) => save(ctx, id, input);

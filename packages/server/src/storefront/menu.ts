import type { Menu, MenuProduct } from '@orderloop/contract';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { requireCustomer } from '../access/access.ts';
import { type Unavailable, unavailableReason } from '../catalog/availability.ts';
import { hydrate } from '../catalog/product-read.ts';
import { categories, priceListItems, products } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { customers } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import { unitPriceFor } from '../pricing/price.ts';
import { pricingSettings } from '../pricing/settings.ts';
import { openStore } from './store-page.ts';

type Category = typeof categories.$inferSelect;

/** Active categories, each parent followed by its children, both by sort then name. */
function inMenuOrder(rows: Category[]): Category[] {
  const bySort = (a: Category, b: Category) => a.sort - b.sort || a.name.localeCompare(b.name);
  const active = rows.filter((c) => c.active);
  const ids = new Set(active.map((c) => c.id));
  const roots = active.filter((c) => !c.parentId || !ids.has(c.parentId)).sort(bySort);
  return roots.flatMap((r) => [r, ...active.filter((c) => c.parentId === r.id).sort(bySort)]);
}

/** The price-list entries of a customer for these SKUs; none for an anonymous reader. */
async function listPricesFor(db: DbOrTx, businessId: string, customerId: string | null, skuIds: string[]) {
  if (!customerId || !skuIds.length) return [];
  const [c] = await db
    .select({ priceListId: customers.priceListId })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.businessId, businessId)));
  if (!c) throw new NotFoundError('customer');
  if (!c.priceListId) return [];
  return db
    .select()
    .from(priceListItems)
    .where(and(eq(priceListItems.priceListId, c.priceListId), inArray(priceListItems.skuId, skuIds)));
}

/**
 * A store's menu at this moment: what is offered there, in category order, with each SKU's price
 * for one unit as this caller would be quoted it (same price-list rule as the quote) and its state.
 */
export async function buildMenu(db: DbOrTx, storeId: string, customerId: string | null, now: Date) {
  const { s: store, b: business } = await openStore(db, storeId);
  const cats = inMenuOrder(await db.select().from(categories).where(eq(categories.businessId, business.id)));
  const rows = await db
    .select()
    .from(products)
    .where(
      and(
        eq(products.businessId, business.id),
        eq(products.active, true),
        or(isNull(products.availableStoreIds), sql`${store.id}::uuid = ANY(${products.availableStoreIds})`),
      ),
    )
    .orderBy(asc(products.sort), asc(products.name), asc(products.id));
  const hydrated = await hydrate(db, { all: false, storeIds: [store.id] }, rows);
  const skuIds = hydrated.flatMap((p) => p.skus.map((k) => k.id));
  const listPrices = await listPricesFor(db, business.id, customerId, skuIds);

  const menuProducts: MenuProduct[] = [];
  for (const p of hydrated) {
    const productReason = unavailableReason(p, store, now);
    const skus = p.skus
      .filter((k) => k.active)
      .map((k) => {
        const level = k.stock.find((l) => l.storeId === store.id);
        const stockAvailable = level?.available ?? null;
        const { unitPrice, source } = unitPriceFor({
          key: k.id,
          quantity: 1,
          basePrice: k.price,
          listPrices: listPrices.filter((x) => x.skuId === k.id),
        });
        const unavailable: Unavailable | null =
          productReason ?? (stockAvailable !== null && stockAvailable <= 0 ? 'out_of_stock' : null);
        return {
          id: k.id,
          code: k.code,
          options: k.options,
          label: k.label,
          price: unitPrice,
          basePrice: k.price,
          priceSource: source === 'price_list' ? ('price_list' as const) : ('base' as const),
          stockAvailable,
          unavailable,
        };
      });
    if (!skus.length) continue;
    menuProducts.push({
      id: p.id,
      categoryId: p.categoryId,
      name: p.name,
      description: p.description,
      unit: p.unit,
      tags: p.tags,
      images: p.images,
      optionGroups: p.optionGroups,
      fromPrice: Math.min(...skus.map((k) => k.price)),
      unavailable: productReason ?? (skus.every((k) => k.unavailable) ? 'out_of_stock' : null),
      skus,
    });
  }
  // a product is listed once, under its category; products outside any active category are not on the menu
  const listed = cats
    .map((c) => ({
      id: c.id,
      name: c.name,
      productIds: menuProducts.filter((p) => p.categoryId === c.id).map((p) => p.id),
    }))
    .filter((c) => c.productIds.length);
  const shown = new Set(listed.flatMap((c) => c.productIds));
  return {
    storeId: store.id,
    currency: store.currency,
    taxMode: pricingSettings(business.settings).taxMode,
    categories: listed,
    products: menuProducts.filter((p) => shown.has(p.id)),
  } satisfies Menu;
}

export const publicMenu = (ctx: Ctx, storeId: string) => buildMenu(ctx.db, storeId, null, ctx.clock.now());

export async function customerMenu(ctx: Ctx, storeId: string) {
  const actor = requireCustomer(ctx.actor);
  const { s } = await openStore(ctx.db, storeId);
  // another business's store answers as if it did not exist
  if (s.businessId !== actor.businessId) throw new NotFoundError('store');
  return buildMenu(ctx.db, storeId, actor.customerId, ctx.clock.now());
}

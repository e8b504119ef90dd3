import type { FieldError, Quote, quoteRequestSchema } from '@orderloop/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { unavailableReason } from '../catalog/availability.ts';
import { skuLabel } from '../catalog/variants.ts';
import {
  type OptionGroup,
  priceListItems,
  productSoldOut,
  products,
  skus,
  stockLevels,
} from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { businesses, customers } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { price } from './price.ts';
import { feesFor, pricingSettings } from './settings.ts';

export type QuoteInput = z.output<typeof quoteRequestSchema>;
type Store = { id: string; businessId: string; timezone: string; currency: string };

/** Modifier choices must name non-variant groups and their values; required groups must be chosen. */
function modifierDelta(
  groups: OptionGroup[],
  chosen: Record<string, string>,
  at: number,
): { delta: number; label: string; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const field = (g: string) => `body.lines.${at}.modifiers.${g}`;
  let delta = 0;
  const names: string[] = [];
  for (const [code, value] of Object.entries(chosen)) {
    const g = groups.find((x) => x.code === code && !x.variant);
    const v = g?.values.find((x) => x.code === value);
    if (!g)
      errors.push({
        field: field(code),
        code: 'unknown_option',
        message: `${code} is not an option of this product`,
      });
    else if (!v)
      errors.push({
        field: field(code),
        code: 'unknown_value',
        message: `${value} is not a choice of ${g.name}`,
      });
    else {
      delta += v.priceDelta;
      names.push(v.name);
    }
  }
  for (const g of groups) {
    if (!g.variant && g.required && !chosen[g.code])
      errors.push({ field: field(g.code), code: 'missing_option', message: `choose a ${g.name}` });
  }
  return { delta, label: names.join(' / '), errors };
}

/**
 * Prices a cart exactly as an order would be priced, from the database's prices only. Lines that
 * cannot be ordered now carry the reason and are left out of the totals.
 */
export async function buildQuote(
  db: DbOrTx,
  store: Store,
  customerId: string | null,
  input: QuoteInput,
  now: Date,
): Promise<Quote> {
  const skuIds = [...new Set(input.lines.map((l) => l.skuId))];
  // one round trip: the SKUs with their products, this store's stock and sold-out marks, and the
  // business's pricing settings (the same on every row)
  const found = await db
    .select({
      sku: skus,
      product: products,
      tracked: stockLevels.tracked,
      onHand: stockLevels.onHand,
      reserved: stockLevels.reserved,
      soldOut: sql<boolean>`EXISTS (SELECT 1 FROM ${productSoldOut} WHERE ${productSoldOut.productId} = ${products.id} AND ${productSoldOut.storeId} = ${store.id})`,
      settings: sql<
        Record<string, unknown>
      >`(SELECT ${businesses.settings} FROM ${businesses} WHERE ${businesses.id} = ${store.businessId})`,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(stockLevels, and(eq(stockLevels.skuId, skus.id), eq(stockLevels.storeId, store.id)))
    .where(and(inArray(skus.id, skuIds), eq(skus.businessId, store.businessId)));
  const rows = found.map((r) => ({ sku: r.sku, product: r.product }));
  const missing = input.lines.findIndex((l) => !rows.some((r) => r.sku.id === l.skuId));
  if (missing >= 0)
    throw new ValidationError([
      { field: `body.lines.${missing}.skuId`, code: 'unknown_sku', message: 'no such SKU' },
    ]);
  const settings = pricingSettings(found[0]!.settings);
  const soldOut = found.filter((r) => r.soldOut).map((r) => ({ productId: r.product.id, storeId: store.id }));
  const stock = found.flatMap((r) =>
    r.tracked === null
      ? []
      : [{ skuId: r.sku.id, tracked: r.tracked, onHand: r.onHand ?? 0, reserved: r.reserved ?? 0 }],
  );
  let listPrices: (typeof priceListItems.$inferSelect)[] = [];
  if (customerId) {
    const [c] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.id, customerId), eq(customers.businessId, store.businessId)));
    if (!c) throw new NotFoundError('customer');
    if (c.priceListId)
      listPrices = await db
        .select()
        .from(priceListItems)
        .where(and(eq(priceListItems.priceListId, c.priceListId), inArray(priceListItems.skuId, skuIds)));
  }

  // the same SKU on several lines draws on one stock level
  const wanted = new Map<string, number>();
  for (const l of input.lines) wanted.set(l.skuId, (wanted.get(l.skuId) ?? 0) + l.quantity);

  const errors: FieldError[] = [];
  const prepared = input.lines.map((l, i) => {
    const { sku, product } = rows.find((r) => r.sku.id === l.skuId)!;
    const mods = modifierDelta(product.optionGroups, l.modifiers, i);
    errors.push(...mods.errors);
    const level = stock.find((s) => s.skuId === sku.id);
    const stockAvailable = level?.tracked ? level.onHand - level.reserved : null;
    const offer = {
      ...product,
      soldOutStoreIds: soldOut.filter((s) => s.productId === product.id).map((s) => s.storeId),
    };
    const unavailable = !sku.active
      ? ('inactive' as const)
      : (unavailableReason(offer, store, now) ??
        (stockAvailable !== null && stockAvailable < wanted.get(sku.id)! ? ('out_of_stock' as const) : null));
    return { l, i, sku, product, mods, stockAvailable, unavailable };
  });
  if (errors.length) throw new ValidationError(errors);

  const available = prepared.filter((p) => !p.unavailable);
  const priced = price({
    lines: available.map((p) => ({
      key: String(p.i),
      quantity: p.l.quantity,
      basePrice: p.sku.price,
      optionDelta: p.mods.delta,
      listPrices: listPrices.filter((x) => x.skuId === p.sku.id),
      discount: p.l.discount ?? null,
      overridePrice: p.l.overridePrice ?? null,
    })),
    orderDiscount: input.orderDiscount ?? null,
    fees: available.length ? feesFor(settings, input.fulfilment) : [],
    tax: { mode: settings.taxMode, rateBasisPoints: settings.taxRateBasisPoints },
  });
  const zero = {
    unitPrice: 0,
    priceSource: 'base' as const,
    gross: 0,
    lineDiscount: 0,
    orderDiscount: 0,
    net: 0,
    tax: 0,
    total: 0,
  };
  return {
    storeId: store.id,
    currency: store.currency,
    taxMode: settings.taxMode,
    taxRateBasisPoints: settings.taxRateBasisPoints,
    lines: prepared.map((p) => {
      const r = priced.lines.find((x) => x.key === String(p.i));
      return {
        skuId: p.sku.id,
        productId: p.product.id,
        productName: p.product.name,
        skuCode: p.sku.code,
        skuLabel: skuLabel(p.product.optionGroups, p.sku.options),
        modifiers: p.l.modifiers,
        modifiersLabel: p.mods.label,
        quantity: p.l.quantity,
        ...(r
          ? {
              unitPrice: r.unitPrice,
              priceSource: r.priceSource,
              gross: r.gross,
              lineDiscount: r.lineDiscount,
              orderDiscount: r.orderDiscount,
              net: r.net,
              tax: r.tax,
              total: r.total,
            }
          : { ...zero, unitPrice: p.sku.price + p.mods.delta }),
        unavailable: p.unavailable,
        stockAvailable: p.stockAvailable,
      };
    }),
    fees: priced.fees,
    subtotal: priced.subtotal,
    discount: priced.discount,
    feesTotal: priced.feesTotal,
    tax: priced.tax,
    total: priced.total,
    orderable: prepared.every((p) => !p.unavailable),
  };
}

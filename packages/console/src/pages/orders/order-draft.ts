import type { OptionGroupInput, Order, Product, RouteInput, routes } from '@orderloop/contract';
import { toMajor, toMinor } from '../../lib/money.ts';

export type Fulfilment = Order['fulfilment'];
export type DiscountKind = 'amount' | 'percent';
/** As typed: an amount in the currency's major unit (12.50), a percent as 0–100. */
export type DiscountInput = { kind: DiscountKind; value: number | null };

export type DraftLine = {
  key: string;
  skuId: string;
  productId: string;
  productName: string;
  skuLabel: string;
  skuCode: string;
  unit: string;
  basePrice: number;
  /** The product's modifier groups (non-variant options such as spice), chosen per line. */
  groups: OptionGroupInput[];
  stock: Product['skus'][number]['stock'];
  quantity: number | null;
  modifiers: Record<string, string>;
  discount: DiscountInput;
  /** Major units, only for users holding orders.override_price. */
  overridePrice: number | null;
};

export type OrderDraft = {
  storeId: string;
  customerId: string | null;
  fulfilment: Fulfilment;
  details: { tableNumber: string; pickupAt: string; address: string; requestedDate: string };
  contact: { name: string; phone: string };
  lines: DraftLine[];
  orderDiscount: DiscountInput;
  notes: string;
  tags: string[];
  customFields: Record<string, string | number | boolean | null>;
};

type QuoteBody = NonNullable<RouteInput<typeof routes.quote>['body']>;
type CreateBody = NonNullable<RouteInput<typeof routes.createOrder>['body']>;

let lineSeq = 0;
export const newLineKey = () => `l${++lineSeq}`;

export const emptyDraft = (storeId: string, fulfilment: Fulfilment): OrderDraft => ({
  storeId,
  customerId: null,
  fulfilment,
  details: { tableNumber: '', pickupAt: '', address: '', requestedDate: '' },
  contact: { name: '', phone: '' },
  lines: [],
  orderDiscount: { kind: 'amount', value: null },
  notes: '',
  tags: [],
  customFields: {},
});

/** A new line for a SKU picked in the lookup: quantity 1, no discount. */
export function lineFromSku(product: Product, sku: Product['skus'][number]): DraftLine {
  return {
    key: newLineKey(),
    skuId: sku.id,
    productId: product.id,
    productName: product.name,
    skuLabel: sku.label,
    skuCode: sku.code,
    unit: product.unit,
    basePrice: sku.price,
    groups: product.optionGroups.filter((g) => !g.variant),
    stock: sku.stock,
    quantity: 1,
    modifiers: {},
    discount: { kind: 'amount', value: null },
    overridePrice: null,
  };
}

function discountBody(d: DiscountInput, currency: string) {
  if (d.value === null || d.value === 0) return null;
  return { kind: d.kind, value: d.kind === 'amount' ? toMinor(d.value, currency) : d.value };
}

/**
 * What the quote is asked: the lines exactly as typed. An emptied quantity goes as 0 so the server
 * names the cell, instead of the line silently dropping out.
 */
export function quoteBody(d: OrderDraft, currency: string): QuoteBody {
  return {
    storeId: d.storeId,
    fulfilment: d.fulfilment,
    customerId: d.customerId,
    lines: d.lines.map((l) => ({
      skuId: l.skuId,
      quantity: l.quantity ?? 0,
      modifiers: l.modifiers,
      discount: discountBody(l.discount, currency),
      overridePrice: l.overridePrice === null ? null : toMinor(l.overridePrice, currency),
    })),
    orderDiscount: discountBody(d.orderDiscount, currency),
  };
}

const given = (v: string) => (v.trim() ? v.trim() : undefined);

export function orderBody(
  d: OrderDraft,
  currency: string,
  submit: boolean,
  clientTotal?: number,
): CreateBody {
  const details = d.details;
  return {
    ...quoteBody(d, currency),
    submit,
    fulfilmentDetails: {
      tableNumber: d.fulfilment === 'dine_in' ? given(details.tableNumber) : undefined,
      pickupAt: d.fulfilment === 'pickup' ? given(details.pickupAt) : undefined,
      address:
        d.fulfilment === 'delivery' || d.fulfilment === 'shipment' ? given(details.address) : undefined,
      requestedDate: d.fulfilment === 'shipment' ? given(details.requestedDate) : undefined,
    },
    contact: { name: given(d.contact.name), phone: given(d.contact.phone) },
    notes: given(d.notes) ?? null,
    tags: d.tags,
    customFields: d.customFields,
    clientTotal,
  };
}

const discountInput = (d: Order['orderDiscount'], currency: string): DiscountInput =>
  d
    ? { kind: d.kind, value: d.kind === 'amount' ? toMajor(d.value, currency) : d.value }
    : { kind: 'amount', value: null };

/**
 * A new draft with everything of an existing order but its identity: same store (if still mine),
 * customer, fulfilment, lines, discounts, notes, tags and custom fields. Products give the lines
 * their option groups and stock; overridden prices carry over only for those who may override.
 */
export function draftFromOrder(
  order: Order,
  products: Product[],
  { storeId, canOverride }: { storeId: string; canOverride: boolean },
): OrderDraft {
  const c = order.currency;
  return {
    storeId,
    customerId: order.customerId,
    fulfilment: order.fulfilment,
    details: {
      tableNumber: order.fulfilmentDetails.tableNumber ?? '',
      pickupAt: '', // a pickup time in the past makes no sense on a new order
      address: order.fulfilmentDetails.address ?? '',
      requestedDate: '',
    },
    contact: { name: order.contact.name ?? '', phone: order.contact.phone ?? '' },
    lines: order.lines.map((l) => {
      const product = products.find((p) => p.id === l.productId);
      const sku = product?.skus.find((s) => s.id === l.skuId);
      return {
        key: newLineKey(),
        skuId: l.skuId,
        productId: l.productId,
        productName: l.productName,
        skuLabel: l.skuLabel,
        skuCode: l.skuCode,
        unit: product?.unit ?? '',
        basePrice: sku?.price ?? l.unitPrice,
        groups: product?.optionGroups.filter((g) => !g.variant) ?? [],
        stock: sku?.stock ?? [],
        quantity: l.quantity,
        modifiers: l.modifiers,
        discount: discountInput(l.discount, c),
        overridePrice: canOverride && l.priceSource === 'override' ? toMajor(l.unitPrice, c) : null,
      };
    }),
    orderDiscount: discountInput(order.orderDiscount, c),
    notes: order.notes ?? '',
    tags: order.tags,
    customFields: order.customFields as OrderDraft['customFields'],
  };
}

import { z } from 'zod';
import { idSchema } from './common.ts';

export const fulfilmentSchema = z.enum(['dine_in', 'pickup', 'delivery', 'shipment']);
export const discountSchema = z
  .object({
    kind: z.enum(['amount', 'percent']),
    value: z.number().min(0).max(100_000_000).describe('Minor units for `amount`, 0–100 for `percent`'),
  })
  .refine((d) => (d.kind === 'amount' ? Number.isInteger(d.value) : d.value <= 100), {
    message: 'format.discount',
    path: ['value'],
  });

export const unavailableReasons = [
  'inactive',
  'not_in_store',
  'outside_hours',
  'sold_out',
  'out_of_stock',
] as const;
export const unavailableReasonSchema = z.enum(unavailableReasons);

const cartLine = z.object({
  skuId: idSchema,
  quantity: z.number().int().min(1).max(100_000),
  modifiers: z
    .record(z.string().max(30), z.string().max(30))
    .default({})
    .describe('Choices of the non-variant option groups, e.g. {"spice":"hot"}'),
});

/** What a customer may send: no discounts, no prices. */
export const customerQuoteRequestSchema = z.object({
  storeId: idSchema,
  fulfilment: fulfilmentSchema,
  lines: z.array(cartLine).min(1).max(100),
});

/** What staff may send: line and order discounts, and price overrides (orders.override_price). */
export const quoteRequestSchema = customerQuoteRequestSchema.extend({
  customerId: idSchema.nullable().optional(),
  lines: z
    .array(
      cartLine.extend({
        discount: discountSchema.nullable().optional(),
        overridePrice: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
      }),
    )
    .min(1)
    .max(200),
  orderDiscount: discountSchema.nullable().optional(),
});

export const quoteLineSchema = z.object({
  skuId: idSchema,
  productId: idSchema,
  productName: z.string(),
  skuCode: z.string(),
  skuLabel: z.string(),
  modifiers: z.record(z.string(), z.string()),
  modifiersLabel: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  priceSource: z.enum(['base', 'price_list', 'override']),
  gross: z.number().int(),
  lineDiscount: z.number().int(),
  orderDiscount: z.number().int(),
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  unavailable: unavailableReasonSchema
    .nullable()
    .describe('Why the line cannot be ordered now; such lines are left out of the totals'),
  stockAvailable: z.number().int().nullable().describe('Units available in the store; null when untracked'),
});

export const quoteSchema = z
  .object({
    storeId: idSchema,
    currency: z.string(),
    taxMode: z.enum(['inclusive', 'exclusive']),
    taxRateBasisPoints: z.number().int(),
    lines: z.array(quoteLineSchema),
    fees: z.array(z.object({ code: z.string(), amount: z.number().int(), tax: z.number().int() })),
    subtotal: z.number().int(),
    discount: z.number().int(),
    feesTotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    orderable: z.boolean().describe('Every line available'),
  })
  .meta({ id: 'Quote' });
export type Quote = z.infer<typeof quoteSchema>;

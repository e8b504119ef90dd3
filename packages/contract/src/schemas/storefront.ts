import { z } from 'zod';
import { openingHoursSchema } from './business.ts';
import { productSchema, skuSchema } from './catalog.ts';
import { idSchema } from './common.ts';
import { businessKindSchema } from './identity.ts';
import { orderSummarySchema } from './orders.ts';
import { fulfilmentSchema, unavailableReasonSchema } from './quote.ts';

/** What staff set for a store's customer-facing page; null fields fall back to derived values. */
export const storefrontSettingsSchema = z.object({
  announcement: z.string().trim().max(500).nullable().describe('Shown on the store page; null: none'),
  fulfilments: z
    .array(fulfilmentSchema)
    .min(1)
    .max(4)
    .nullable()
    .describe('Ordering modes offered; null: by business kind (restaurant: dine-in, pickup; B2B: shipment)'),
  tables: z
    .array(z.string().trim().min(1).max(20))
    .max(500)
    .refine((t) => new Set(t).size === t.length, { message: 'format.tables' })
    .nullable()
    .optional()
    .describe(
      "Table numbers printed on the store's QR codes; null: any table number is accepted for dine-in",
    ),
});
export const storefrontSettingsInputSchema = z.strictObject({
  announcement: storefrontSettingsSchema.shape.announcement.optional(),
  fulfilments: storefrontSettingsSchema.shape.fulfilments.optional(),
  tables: storefrontSettingsSchema.shape.tables,
});

export const storefrontQuery = z.object({
  business: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,60}$/, 'format.code')
    .describe('The business slug the app is built for'),
});

/** A store as its customers see it: no internal fields. */
export const storefrontSchema = z
  .object({
    id: idSchema,
    code: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    timezone: z.string(),
    currency: z.string(),
    openingHours: openingHoursSchema,
    todayHours: z
      .array(z.object({ open: z.string(), close: z.string() }))
      .describe('Opening hours of the current day in the store time zone'),
    openNow: z.boolean().describe('true also when the store has set no hours'),
    fulfilments: z.array(fulfilmentSchema),
    announcement: z.string().nullable(),
    business: z.object({ slug: z.string(), name: z.string(), kind: businessKindSchema }),
  })
  .meta({ id: 'Storefront' });
export type Storefront = z.infer<typeof storefrontSchema>;

export const menuSkuSchema = skuSchema.pick({ id: true, code: true, options: true, label: true }).extend({
  price: z.number().int().describe("Unit price for one, for this caller (the customer's price list if any)"),
  basePrice: z.number().int(),
  priceSource: z.enum(['base', 'price_list']),
  stockAvailable: z.number().int().nullable().describe('null: untracked (unlimited)'),
  unavailable: unavailableReasonSchema.nullable(),
});

export const menuProductSchema = productSchema
  .pick({
    id: true,
    categoryId: true,
    name: true,
    description: true,
    unit: true,
    tags: true,
    images: true,
    optionGroups: true,
  })
  .extend({
    fromPrice: z.number().int().describe('Lowest SKU price, for "from ¥…" labels'),
    unavailable: unavailableReasonSchema
      .nullable()
      .describe('sold_out, outside_hours, or out_of_stock when every SKU is; null: orderable now'),
    skus: z.array(menuSkuSchema),
  });
export type MenuProduct = z.infer<typeof menuProductSchema>;

export const menuSchema = z
  .object({
    storeId: idSchema,
    currency: z.string(),
    taxMode: z.enum(['inclusive', 'exclusive']),
    categories: z.array(z.object({ id: idSchema, name: z.string(), productIds: z.array(idSchema) })),
    products: z.array(menuProductSchema),
  })
  .meta({ id: 'Menu' });
export type Menu = z.infer<typeof menuSchema>;

export const customerOrderSummarySchema = orderSummarySchema
  .pick({
    id: true,
    number: true,
    storeId: true,
    fulfilment: true,
    state: true,
    currency: true,
    total: true,
    paymentStatus: true,
    submittedAt: true,
    createdAt: true,
  })
  .extend({
    storeName: z.string(),
    lineCount: z.number().int(),
    itemsLabel: z.string().describe('The first few products, e.g. “红烧牛肉面 ×2、卤蛋”'),
  })
  .meta({ id: 'CustomerOrderSummary' });
export type CustomerOrderSummary = z.infer<typeof customerOrderSummarySchema>;

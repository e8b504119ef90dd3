import { z } from 'zod';
import { idSchema, patchOf, text, timestampSchema } from './common.ts';

const code = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]+$/i, 'format.code')
    .max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format.time');

export const optionGroupSchema = z.object({
  code: code(30),
  name: text(40),
  variant: z
    .boolean()
    .describe('true: each value makes a SKU with its own price and stock (size, colour); false: a modifier'),
  required: z.boolean().default(true),
  values: z
    .array(
      z.object({
        code: code(30),
        name: text(40),
        priceDelta: z.number().int().min(-10_000_000).max(10_000_000).default(0),
      }),
    )
    .min(1)
    .max(30),
});
export type OptionGroupInput = z.infer<typeof optionGroupSchema>;

export const availabilityWindowSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1).max(7).describe('0 = Sunday, in the store time zone'),
  from: hhmm,
  to: hhmm,
});

export const categorySchema = z
  .object({
    id: idSchema,
    parentId: idSchema.nullable(),
    name: z.string(),
    sort: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'Category' });
export const categoryInputSchema = z.object({
  parentId: idSchema.nullable().optional(),
  name: text(60),
  sort: z.number().int().min(0).max(100_000).default(0),
  active: z.boolean().default(true),
});
export const updateCategorySchema = patchOf(categoryInputSchema);

export const stockSchema = z.object({
  storeId: idSchema,
  tracked: z.boolean(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int().nullable().describe('on hand − reserved; null when untracked (unlimited)'),
});

export const skuSchema = z.object({
  id: idSchema,
  code: z.string(),
  options: z.record(z.string(), z.string()),
  label: z.string().describe('Option values joined for display, e.g. “大碗”'),
  price: z.number().int().describe('Base price in minor units'),
  active: z.boolean(),
  stock: z.array(stockSchema),
});

export const productSchema = z
  .object({
    id: idSchema,
    categoryId: idSchema.nullable(),
    name: z.string(),
    description: z.string().nullable(),
    unit: z.string(),
    tags: z.array(z.string()),
    images: z.array(z.string()),
    optionGroups: z.array(optionGroupSchema),
    availableStoreIds: z.array(idSchema).nullable().describe('null: every store'),
    availableWindows: z
      .array(availabilityWindowSchema)
      .nullable()
      .describe('null: whenever the store is open'),
    soldOutStoreIds: z.array(idSchema),
    active: z.boolean(),
    sort: z.number().int(),
    skus: z.array(skuSchema),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof productSchema>;

export const skuInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, 'format.skuCode'),
  options: z.record(z.string(), z.string()).default({}),
  price: z.number().int().min(0).max(1_000_000_000),
  active: z.boolean().default(true),
});

export const productInputSchema = z.object({
  categoryId: idSchema.nullable().optional(),
  name: text(120),
  description: z.string().trim().max(4000).nullable().optional(),
  unit: text(10).default('份'),
  tags: z.array(text(20)).max(20).default([]),
  optionGroups: z.array(optionGroupSchema).max(10).default([]),
  availableStoreIds: z.array(idSchema).max(500).nullable().optional(),
  availableWindows: z.array(availabilityWindowSchema).max(20).nullable().optional(),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(100_000).default(0),
  skus: z
    .array(skuInputSchema)
    .min(1)
    .max(200)
    .describe('One per combination of variant values; matched by code on update'),
});
export const updateProductSchema = patchOf(productInputSchema);

export const productListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: idSchema.optional(),
  storeId: idSchema.optional().describe('Include only products offered in this store'),
  active: z.enum(['true', 'false']).optional(),
});

export const soldOutSchema = z.object({ storeId: idSchema, soldOut: z.boolean() });

export const stockAdjustSchema = z.object({
  storeId: idSchema,
  skuId: idSchema,
  mode: z
    .enum(['delta', 'set', 'track', 'untrack'])
    .describe('delta: receive (+) or write off (−); set: stock count; track/untrack unlimited'),
  quantity: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  reason: z.enum(['receipt', 'count', 'write_off', 'correction', 'tracking']),
  note: z.string().trim().max(200).optional(),
});

export const stockRowSchema = stockSchema.extend({
  skuId: idSchema,
  skuCode: z.string(),
  skuLabel: z.string(),
  productId: idSchema,
  productName: z.string(),
});
export const stockListQuery = z.object({
  storeId: idSchema,
  q: z.string().trim().max(100).optional(),
  lowOnly: z.enum(['true', 'false']).optional(),
});

export const stockMovementSchema = z.object({
  id: idSchema,
  at: timestampSchema,
  skuId: idSchema,
  storeId: idSchema,
  deltaOnHand: z.number().int(),
  deltaReserved: z.number().int(),
  reason: z.string(),
  orderId: idSchema.nullable(),
  actorId: idSchema.nullable(),
  note: z.string().nullable(),
});
export const stockMovementQuery = z.object({ storeId: idSchema, skuId: idSchema.optional() });

export const priceListSchema = z.object({
  id: idSchema,
  name: z.string(),
  currency: z.string(),
  items: z.array(z.object({ skuId: idSchema, minQuantity: z.number().int(), price: z.number().int() })),
});
export const priceListInputSchema = z.object({
  name: text(80),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'format.currency')
    .default('CNY'),
  items: z
    .array(
      z.object({
        skuId: idSchema,
        minQuantity: z.number().int().min(1).max(1_000_000).default(1),
        price: z.number().int().min(0).max(1_000_000_000),
      }),
    )
    .max(20_000),
});

/** The spreadsheet formats the catalog is exported in and imported from. */
export const spreadsheetTypes = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
/** Upload limits of the catalog import. */
export const catalogImportLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;

export const catalogExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});

export const catalogImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: validate and count what would change, write nothing'),
});

const importCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/** One bad cell of an import, as listed in the 400 problem's `meta.cells`. */
export const importCellErrorSchema = z.object({
  row: z.number().int().describe('Row number as the spreadsheet shows it; the header is row 1'),
  column: z.string().describe('The header as written in the file'),
  value: z.string(),
  message: z.string(),
});

export const catalogImportResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().describe('Data rows read'),
  categories: z.object({ created: z.number().int(), names: z.array(z.string()) }),
  products: importCounts,
  skus: importCounts,
  warnings: z.array(importCellErrorSchema).describe('Columns that were ignored'),
});
export type CatalogImportResult = z.infer<typeof catalogImportResultSchema>;

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.ts';
import { businesses, stores, users } from './schema.ts';

export type OptionGroup = {
  code: string;
  name: string;
  /** Variant groups (size, colour) make SKUs with their own price and stock; the rest are modifiers. */
  variant: boolean;
  required: boolean;
  values: { code: string; name: string; priceDelta: number }[];
};
export type AvailabilityWindow = { days: number[]; from: string; to: string };

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('categories_business_idx').on(t.businessId, t.sort)],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    categoryId: uuid('category_id').references(() => categories.id),
    name: text('name').notNull(),
    description: text('description'),
    unit: text('unit').notNull().default('份'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    images: jsonb('images').$type<string[]>().notNull().default([]),
    optionGroups: jsonb('option_groups').$type<OptionGroup[]>().notNull().default([]),
    availableStoreIds: uuid('available_store_ids').array(),
    availableWindows: jsonb('available_windows').$type<AvailabilityWindow[]>(),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('products_category_idx').on(t.businessId, t.categoryId, t.sort)],
);

export const skus = pgTable(
  'skus',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    price: integer('price').notNull(), // minor units of the store currency
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('skus_business_code_uq').on(t.businessId, t.code),
    index('skus_product_idx').on(t.productId),
    check('skus_price_ck', sql`${t.price} >= 0`),
  ],
);

export const stockLevels = pgTable(
  'stock_levels',
  {
    skuId: uuid('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    tracked: boolean('tracked').notNull().default(true),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.storeId] }),
    // the database itself refuses an oversell, whatever the code above it does
    check('stock_levels_ck', sql`${t.reserved} >= 0 AND (NOT ${t.tracked} OR ${t.onHand} >= ${t.reserved})`),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    skuId: uuid('sku_id').notNull(),
    storeId: uuid('store_id').notNull(),
    deltaOnHand: integer('delta_on_hand').notNull().default(0),
    deltaReserved: integer('delta_reserved').notNull().default(0),
    reason: text('reason').notNull(),
    orderId: uuid('order_id'),
    actorId: uuid('actor_id').references(() => users.id),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_sku_idx').on(t.skuId, t.storeId, t.at),
    index('stock_movements_store_idx').on(t.storeId, t.at, t.id),
  ],
);

/** Sold out is per store: the kitchen of one branch runs out, not the whole chain. */
export const productSoldOut = pgTable(
  'product_sold_out',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    since: ts('since').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.storeId] })],
);

export const priceLists = pgTable('price_lists', {
  id: uuid('id').primaryKey(),
  businessId: uuid('business_id')
    .notNull()
    .references(() => businesses.id),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  createdAt: createdAt(),
});

export const priceListItems = pgTable(
  'price_list_items',
  {
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    skuId: uuid('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    minQuantity: integer('min_quantity').notNull().default(1), // quantity breaks
    price: integer('price').notNull(),
  },
  (t) => [primaryKey({ columns: [t.priceListId, t.skuId, t.minQuantity] })],
);

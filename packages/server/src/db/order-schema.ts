import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { businesses, customers, stores, users } from './schema.ts';

const money = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export type FulfilmentDetails = {
  tableNumber?: string;
  pickupAt?: string;
  address?: string;
  requestedDate?: string;
};
export type Contact = { name?: string; phone?: string };

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    number: text('number').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    contact: jsonb('contact').$type<Contact>().notNull().default({}),
    channel: text('channel', { enum: ['console', 'miniapp', 'erp_import'] }).notNull(),
    fulfilment: text('fulfilment', { enum: ['dine_in', 'pickup', 'delivery', 'shipment'] }).notNull(),
    fulfilmentDetails: jsonb('fulfilment_details').$type<FulfilmentDetails>().notNull().default({}),
    notes: text('notes'),
    state: text('state').notNull(),
    workflowId: uuid('workflow_id'),
    stage: text('stage'),
    stateEnteredAt: ts('state_entered_at'),
    dueAt: ts('due_at'),
    version: integer('version').notNull().default(1),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
    subtotal: money('subtotal'),
    discount: money('discount'),
    feesTotal: money('fees_total'),
    tax: money('tax'),
    total: money('total'),
    fees: jsonb('fees').$type<{ code: string; amount: number; tax: number }[]>().notNull().default([]),
    orderDiscount: jsonb('order_discount').$type<{ kind: 'amount' | 'percent'; value: number } | null>(),
    priceOverridden: boolean('price_overridden').notNull().default(false),
    paymentStatus: text('payment_status', { enum: ['unpaid', 'partially_paid', 'paid', 'refunded'] })
      .notNull()
      .default('unpaid'),
    stockReserved: boolean('stock_reserved').notNull().default(false),
    salesRepId: uuid('sales_rep_id').references(() => users.id),
    assignedTo: uuid('assigned_to').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    submittedAt: ts('submitted_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    // what the list's search box looks in: number, contact name and phone, notes
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(number || ' ' || coalesce(contact->>'name', '') || ' ' || coalesce(contact->>'phone', '') || ' ' || coalesce(notes, ''))`,
    ),
  },
  (t) => [
    index('orders_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('orders_business_state_created_idx').on(t.businessId, t.state, t.createdAt, t.id),
    index('orders_business_total_idx').on(t.businessId, t.total, t.id),
    index('orders_business_number_idx').on(t.businessId, t.number, t.id),
    index('orders_tags_idx').using('gin', t.tags),
    uniqueIndex('orders_store_number_uq').on(t.storeId, t.number),
    index('orders_business_created_idx').on(t.businessId, t.createdAt, t.id),
    index('orders_store_created_idx').on(t.storeId, t.createdAt, t.id),
    index('orders_customer_idx').on(t.customerId, t.createdAt),
    index('orders_rep_idx').on(t.salesRepId, t.createdAt),
    index('orders_business_due_idx').on(t.businessId, t.dueAt).where(sql`${t.dueAt} IS NOT NULL`),
    // the exceptions view: orders recently put into a state (e.g. rejected), per business and state
    index('orders_business_state_entered_idx').on(t.businessId, t.state, t.stateEnteredAt),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    skuId: uuid('sku_id').notNull(),
    productId: uuid('product_id').notNull(),
    productName: text('product_name').notNull(),
    skuCode: text('sku_code').notNull(),
    skuLabel: text('sku_label').notNull(),
    modifiers: jsonb('modifiers').$type<Record<string, string>>().notNull().default({}),
    modifiersLabel: text('modifiers_label').notNull().default(''),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    priceSource: text('price_source', { enum: ['base', 'price_list', 'override'] }).notNull(),
    discount: jsonb('discount').$type<{ kind: 'amount' | 'percent'; value: number } | null>(),
    gross: money('gross'),
    lineDiscount: money('line_discount'),
    orderDiscount: money('order_discount'),
    net: money('net'),
    tax: money('tax'),
    total: money('total'),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId, t.lineNo),
    index('order_lines_sku_idx').on(t.skuId),
    // the list's product filter: EXISTS (… product_id = ? AND order_id = ?) answered from the index alone
    index('order_lines_product_idx').on(t.productId, t.orderId),
    check('order_lines_qty_ck', sql`${t.quantity} > 0`),
  ],
);

/** Per store and local day: the last order number handed out. Gaps are fine, duplicates are not. */
export const orderNumberCounters = pgTable(
  'order_number_counters',
  {
    storeId: uuid('store_id').notNull(),
    localDate: date('local_date').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.localDate] })],
);

/** Idempotency keys as the best payment APIs keep them: per caller, with the request hash and the first response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status', { enum: ['running', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    lockedAt: ts('locked_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] }), index('idempotency_expires_idx').on(t.expiresAt)],
);

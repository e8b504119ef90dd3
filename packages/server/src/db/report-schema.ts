import { bigint, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

/*
 * Daily rollups for the reports, keyed by the store's local day the order was created on (in the
 * store's time zone). Every figure of a (store, day) is recomputed together from the source tables
 * (reports/rollup.ts), so the rows carry no history of their own and a rebuild is always exact.
 * `sales_rep_id` and `created_by` are kept so an own-scope reader is filtered like the order list.
 */
const key = {
  businessId: uuid('business_id').notNull(),
  storeId: uuid('store_id').notNull(),
  day: date('day').notNull(),
  salesRepId: uuid('sales_rep_id'),
  createdBy: uuid('created_by'),
};
const big = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** Orders per day, channel and current state (with its category: draft/open/…/cancelled). */
export const reportOrderDaily = pgTable(
  'report_order_daily',
  {
    ...key,
    channel: text('channel').notNull(),
    state: text('state').notNull(),
    category: text('category').notNull(),
    orders: integer('orders').notNull(),
    revenue: big('revenue'),
  },
  (t) => [
    index('report_order_daily_business_idx').on(t.businessId, t.day),
    index('report_order_daily_store_idx').on(t.storeId, t.day),
  ],
);

/** Sold quantity and line totals per product (and its category) of orders that are not drafts or cancelled. */
export const reportLineDaily = pgTable(
  'report_line_daily',
  {
    ...key,
    productId: uuid('product_id').notNull(),
    categoryId: uuid('category_id'),
    orders: integer('orders').notNull(),
    quantity: big('quantity'),
    revenue: big('revenue'),
  },
  (t) => [
    index('report_line_daily_business_idx').on(t.businessId, t.day),
    index('report_line_daily_store_idx').on(t.storeId, t.day),
  ],
);

/** Completed stays in a state (entered and left again, from order_history), per state. */
export const reportStateTimeDaily = pgTable(
  'report_state_time_daily',
  {
    ...key,
    state: text('state').notNull(),
    stays: integer('stays').notNull(),
    seconds: big('seconds'),
  },
  (t) => [
    index('report_state_time_daily_business_idx').on(t.businessId, t.day),
    index('report_state_time_daily_store_idx').on(t.storeId, t.day),
  ],
);

/** Approvals of the day's orders: decided (with the created→decided seconds), approved, rejected, pending. */
export const reportApprovalDaily = pgTable(
  'report_approval_daily',
  {
    ...key,
    decided: integer('decided').notNull(),
    approved: integer('approved').notNull(),
    rejected: integer('rejected').notNull(),
    pending: integer('pending').notNull(),
    seconds: big('seconds'),
  },
  (t) => [
    index('report_approval_daily_business_idx').on(t.businessId, t.day),
    index('report_approval_daily_store_idx').on(t.storeId, t.day),
  ],
);

/**
 * Where the incremental refresh stands in the `events` table (one row, id = 'orders'). Ids are
 * taken at insert but seen at commit, so each refresh re-reads from `recheck_from_id`, a watermark
 * seen at least RECHECK_SECONDS ago, to catch a transaction that committed a lower id late;
 * `window_count` (events seen past it) lets an idle tick skip the work when nothing new appeared.
 */
export const reportRefresh = pgTable('report_refresh', {
  id: text('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  recheckFromId: bigint('recheck_from_id', { mode: 'number' }).notNull(),
  pendingFromId: bigint('pending_from_id', { mode: 'number' }).notNull(),
  recheckSetAt: ts('recheck_set_at').notNull(),
  windowCount: integer('window_count').notNull().default(0),
  rebuiltAt: ts('rebuilt_at'),
  refreshedAt: ts('refreshed_at').notNull(),
});

import type { orderFilterSchema, orderSortSchema } from '@orderloop/contract';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scope } from '../access/access.ts';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { customers } from '../db/schema.ts';
import { orderConditions, sortColumns } from '../orders/list.ts';

export type ExportFilter = z.output<typeof orderFilterSchema>;
export type ExportSort = z.output<typeof orderSortSchema>;
const lineFields = {
  orderId: orderLines.orderId,
  lineNo: orderLines.lineNo,
  skuCode: orderLines.skuCode,
  productName: orderLines.productName,
  skuLabel: orderLines.skuLabel,
  modifiersLabel: orderLines.modifiersLabel,
  quantity: orderLines.quantity,
  unitPrice: orderLines.unitPrice,
  lineDiscount: orderLines.lineDiscount,
  orderDiscount: orderLines.orderDiscount,
  tax: orderLines.tax,
  total: orderLines.total,
};
export type OrderLineRow = Pick<typeof orderLines.$inferSelect, keyof typeof lineFields>;

const orderFields = {
  id: orders.id,
  number: orders.number,
  storeId: orders.storeId,
  contact: orders.contact,
  channel: orders.channel,
  fulfilment: orders.fulfilment,
  fulfilmentDetails: orders.fulfilmentDetails,
  notes: orders.notes,
  state: orders.state,
  currency: orders.currency,
  subtotal: orders.subtotal,
  discount: orders.discount,
  feesTotal: orders.feesTotal,
  tax: orders.tax,
  total: orders.total,
  paymentStatus: orders.paymentStatus,
  salesRepId: orders.salesRepId,
  assignedTo: orders.assignedTo,
  tags: orders.tags,
  customFields: orders.customFields,
  submittedAt: orders.submittedAt,
  createdAt: orders.createdAt,
  customerName: customers.name,
};

export type OrderField = keyof typeof orderFields | 'lineCount';

/** An order as exported: only the fields its columns need are read (jsonb is costly to parse). */
export type OrderExportRow = Partial<{
  [K in keyof typeof orderFields]: (typeof orderFields)[K]['_']['data'] | null;
}> & { id: string; storeId: string; currency: string; lineCount?: number };

/** Orders per query: large enough to amortise a round trip, small enough to keep memory flat. */
export const ORDER_BATCH = 1000;

/**
 * "After this row" in the sort's direction as one row comparison, which PostgreSQL turns into an
 * index range (business_id, column, id): each batch starts where the last ended instead of
 * filtering its way past every row exported so far.
 */
function after(key: keyof typeof sortColumns, descending: boolean, row: OrderExportRow) {
  const column = sortColumns[key];
  const value = row[key] ?? null;
  const bound = sql`(${sql.param(value, column)}, ${sql.param(row.id, orders.id)})`;
  return descending ? sql`(${column}, ${orders.id}) < ${bound}` : sql`(${column}, ${orders.id}) > ${bound}`;
}

/** The rows a scope may see, or none at all when the caller holds no orders.read grant. */
const where = (scope: Scope | null, filter: ExportFilter, extra?: SQL) =>
  scope ? and(orderConditions(scope, filter), extra) : sql`false`;

/**
 * The orders matching the list filter, in the list's sort, a batch at a time by keyset (never
 * OFFSET): each query starts after the last row of the one before, so the millionth row costs as
 * much as the first and nothing is held between batches.
 */
export async function* orderBatches(
  db: DbOrTx,
  scope: Scope | null,
  filter: ExportFilter,
  sort: ExportSort,
  opts: { fields?: readonly OrderField[]; batch?: number } = {},
): AsyncGenerator<OrderExportRow[]> {
  const batch = opts.batch ?? ORDER_BATCH;
  const descending = sort.startsWith('-');
  const key = sort.replace('-', '') as keyof typeof sortColumns;
  const column = sortColumns[key];
  const wanted = new Set<OrderField>(['id', 'storeId', 'currency', key, ...(opts.fields ?? [])]);
  const selection = Object.fromEntries(
    [...wanted].map((f) => [
      f,
      f === 'lineCount'
        ? sql<number>`(SELECT count(*)::int FROM ${orderLines} l WHERE l.order_id = ${orders.id})`
        : orderFields[f],
    ]),
  ) as typeof orderFields;
  const from = db.select(selection).from(orders).$dynamic();
  const query = wanted.has('customerName')
    ? from.leftJoin(customers, eq(customers.id, orders.customerId))
    : from;
  let last: OrderExportRow | undefined;
  for (;;) {
    const rows = (await query
      .where(where(scope, filter, last ? after(key, descending, last) : undefined))
      .orderBy(descending ? desc(column) : asc(column), descending ? desc(orders.id) : asc(orders.id))
      .limit(batch)) as OrderExportRow[];
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    last = rows[rows.length - 1];
  }
}

/** The lines of a batch of orders, by order, in line order. */
export async function linesOf(db: DbOrTx, orderIds: string[]): Promise<Map<string, OrderLineRow[]>> {
  const byOrder = new Map<string, OrderLineRow[]>();
  if (!orderIds.length) return byOrder;
  const rows = await db
    .select(lineFields)
    .from(orderLines)
    // one array parameter rather than a thousand: far cheaper to send and to plan
    .where(sql`${orderLines.orderId} = ANY(${sql.param(orderIds)}::uuid[])`)
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  for (const l of rows) {
    const list = byOrder.get(l.orderId);
    if (list) list.push(l);
    else byOrder.set(l.orderId, [l]);
  }
  return byOrder;
}

/** How many rows an export would write, counting no further than `cap`. */
export async function countRows(
  db: DbOrTx,
  scope: Scope | null,
  filter: ExportFilter,
  granularity: 'orders' | 'lines',
  cap: number,
): Promise<number> {
  const inner =
    granularity === 'orders'
      ? db.select({ one: sql`1` }).from(orders).where(where(scope, filter)).limit(cap)
      : db
          .select({ one: sql`1` })
          .from(orders)
          .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
          .where(where(scope, filter))
          .limit(cap);
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${inner}) t`);
  return row?.n ?? 0;
}

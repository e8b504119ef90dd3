import type { OrderSummary, orderListQuery } from '@orderloop/contract';
import { and, asc, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, type Scope, scopeFilter } from '../access/access.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { customers } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { workflowById } from '../workflow/definitions.ts';

type Query = z.output<typeof orderListQuery> & {
  cursor?: string;
  limit: number;
  withLines?: 'true' | 'false';
};
type SummaryLine = NonNullable<OrderSummary['lines']>[number];
const BOARD_LINES = 8;

/** The first lines of each order of a page, in one indexed read (order_lines_order_idx). */
async function firstLines(ctx: Ctx, ids: string[]): Promise<Map<string, SummaryLine[]>> {
  const out = new Map<string, SummaryLine[]>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .select({
      orderId: orderLines.orderId,
      productName: orderLines.productName,
      skuLabel: orderLines.skuLabel,
      modifiersLabel: orderLines.modifiersLabel,
      quantity: orderLines.quantity,
    })
    .from(orderLines)
    .where(and(inArray(orderLines.orderId, ids), lte(orderLines.lineNo, BOARD_LINES)))
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  for (const { orderId, ...line } of rows) out.set(orderId, [...(out.get(orderId) ?? []), line]);
  return out;
}

/** What a summary shows, and no more: wide jsonb (fees, custom fields) and the search text cost parsing. */
const summaryColumns = {
  id: orders.id,
  number: orders.number,
  storeId: orders.storeId,
  customerId: orders.customerId,
  contact: orders.contact,
  channel: orders.channel,
  fulfilment: orders.fulfilment,
  state: orders.state,
  currency: orders.currency,
  total: orders.total,
  paymentStatus: orders.paymentStatus,
  salesRepId: orders.salesRepId,
  assignedTo: orders.assignedTo,
  tags: orders.tags,
  workflowId: orders.workflowId,
  stage: orders.stage,
  stateEnteredAt: orders.stateEnteredAt,
  dueAt: orders.dueAt,
  submittedAt: orders.submittedAt,
  createdAt: orders.createdAt,
};

export const sortColumns = {
  createdAt: orders.createdAt,
  total: orders.total,
  number: orders.number,
} as const;

/**
 * Keyset condition "after (value, id)" in the sort's direction, as one row comparison: PostgreSQL
 * reads it as a range of the (business_id, column, id) index and starts there, where the spelled-out
 * `a < x OR (a = x AND id < y)` can make it filter its way past every earlier row.
 */
function after(
  column: (typeof sortColumns)[keyof typeof sortColumns],
  descending: boolean,
  value: unknown,
  id: string,
): SQL {
  const bound = sql`(${sql.param(value, column)}, ${sql.param(id, orders.id)})`;
  return descending ? sql`(${column}, ${orders.id}) < ${bound}` : sql`(${column}, ${orders.id}) > ${bound}`;
}

type Filter = Omit<z.output<typeof orderListQuery>, 'sort'>;

/** The list's filter as SQL within the scope: shared by the list and the export. */
export function orderConditions(scope: Scope, q: Filter): SQL | undefined {
  const like = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` : null;
  return and(
    eq(orders.businessId, scope.actor.businessId),
    scopeFilter(scope, { store: orders.storeId, owners: [orders.salesRepId, orders.createdBy] }),
    q.storeId ? eq(orders.storeId, q.storeId) : undefined,
    q.state?.length ? inArray(orders.state, q.state) : undefined,
    q.channel?.length ? inArray(orders.channel, q.channel) : undefined,
    q.paymentStatus?.length ? inArray(orders.paymentStatus, q.paymentStatus) : undefined,
    q.fulfilment?.length ? inArray(orders.fulfilment, q.fulfilment) : undefined,
    q.customerId ? eq(orders.customerId, q.customerId) : undefined,
    q.salesRepId ? eq(orders.salesRepId, q.salesRepId) : undefined,
    q.tag ? sql`${orders.tags} @> ARRAY[${q.tag}]::text[]` : undefined,
    q.createdFrom ? gte(orders.createdAt, new Date(q.createdFrom)) : undefined,
    q.createdTo ? lt(orders.createdAt, new Date(q.createdTo)) : undefined,
    q.totalMin !== undefined ? gte(orders.total, q.totalMin) : undefined,
    q.totalMax !== undefined ? lte(orders.total, q.totalMax) : undefined,
    q.productId
      ? sql`EXISTS (SELECT 1 FROM ${orderLines} l WHERE l.order_id = ${orders.id} AND l.product_id = ${q.productId})`
      : undefined,
    q.skuId
      ? sql`EXISTS (SELECT 1 FROM ${orderLines} l WHERE l.order_id = ${orders.id} AND l.sku_id = ${q.skuId})`
      : undefined,
    like ? sql`${orders.searchText} LIKE ${like}` : undefined,
  );
}

export async function listOrders(
  ctx: Ctx,
  q: Query,
): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const descending = q.sort.startsWith('-');
  const key = q.sort.replace('-', '') as keyof typeof sortColumns;
  const column = sortColumns[key];
  const cursor = decodeCursor(q.cursor, 3) as [string, unknown, string] | null;
  const cursorValue =
    cursor && cursor[0] === q.sort
      ? key === 'createdAt'
        ? new Date(cursor[1] as string)
        : cursor[1]
      : undefined;

  const rows = await ctx.db
    .select({
      o: summaryColumns,
      customerName: customers.name,
      lineCount: sql<number>`(SELECT count(*)::int FROM ${orderLines} l WHERE l.order_id = ${orders.id})`,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(
        orderConditions(scope, q),
        cursor && cursorValue !== undefined ? after(column, descending, cursorValue, cursor[2]) : undefined,
      ),
    )
    .orderBy(descending ? desc(column) : asc(column), descending ? desc(orders.id) : asc(orders.id))
    .limit(q.limit + 1);

  const page = pageOf(rows, q.limit, (r) => [
    q.sort,
    key === 'createdAt' ? r.o.createdAt.toISOString() : r.o[key],
    r.o.id,
  ]);
  // a page holds a handful of workflow versions, each read once per process (published versions never change)
  const names = new Map<string, string>();
  for (const id of new Set(page.items.map((r) => r.o.workflowId)))
    if (id) {
      const d = (await workflowById(ctx.db, id)).definition;
      for (const s of d.states) names.set(`${id}|${s.key}`, s.name[ctx.locale]);
    }
  const now = ctx.clock.now();
  const lines =
    q.withLines === 'true'
      ? await firstLines(
          ctx,
          page.items.map((r) => r.o.id),
        )
      : null;
  return {
    items: page.items.map(({ o, customerName, lineCount }) => ({
      id: o.id,
      number: o.number,
      storeId: o.storeId,
      customerId: o.customerId,
      customerName,
      contact: o.contact,
      channel: o.channel,
      fulfilment: o.fulfilment,
      state: o.state,
      currency: o.currency,
      total: o.total,
      paymentStatus: o.paymentStatus,
      salesRepId: o.salesRepId,
      assignedTo: o.assignedTo,
      tags: o.tags,
      lineCount,
      workflowId: o.workflowId,
      stateName: names.get(`${o.workflowId}|${o.state}`) ?? o.state,
      stage: o.stage,
      stateEnteredAt: o.stateEnteredAt?.toISOString() ?? null,
      dueAt: o.dueAt?.toISOString() ?? null,
      overdue: !!o.dueAt && o.dueAt < now,
      ...(lines ? { lines: lines.get(o.id) ?? [] } : {}),
      submittedAt: o.submittedAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

import type { orderFilterSchema, orderSortSchema } from '@orderloop/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scope } from '../access/access.ts';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import { orderLines, orders } from '../db/order-schema.ts';
import { customers, stores } from '../db/schema.ts';
import { orderConditions, sortColumns } from '../orders/list.ts';

export type ExportFilter = z.output<typeof orderFilterSchema>;
export type ExportSort = z.output<typeof orderSortSchema>;

/** Orders per query: a round trip per few thousand rows is nothing; memory stays at one page. */
export const ORDER_BATCH = 2000;

/** The rows a scope may see, or none at all when the caller holds no orders.read grant. */
const where = (scope: Scope | null, filter: ExportFilter, extra?: SQL) =>
  scope ? and(orderConditions(scope, filter), extra) : sql`false`;

const keyType = { createdAt: sql`timestamptz`, total: sql`bigint`, number: sql`text` } as const;

/**
 * The export's rows, a page of orders at a time, each page one query that joins the orders'
 * stores, customers and lines and formats in SQL what SQL formats exactly (see columns.ts). Pages
 * follow by keyset (never OFFSET), the key read back as text so a timestamp keeps its microseconds:
 * the millionth row costs what the first does, and at most two pages are held (the writer's and
 * the one fetched ahead). Each row is `select`'s values in order.
 */
export async function* exportRows(
  db: DbOrTx,
  scope: Scope | null,
  filter: ExportFilter,
  sort: ExportSort,
  opts: { select: SQL[]; lines: boolean; customers: boolean; batch?: number },
): AsyncGenerator<unknown[][]> {
  const batch = opts.batch ?? ORDER_BATCH;
  const descending = sort.startsWith('-');
  const key = sort.replace('-', '') as keyof typeof sortColumns;
  const column = sortColumns[key];
  const dir = sql.raw(descending ? 'DESC' : 'ASC');
  const order = sql`${column} ${dir}, ${orders.id} ${dir}`;
  const select = sql.join(
    opts.select.map((s, i) => sql`${s} AS ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const names = opts.select.map((_, i) => `c${i}`);
  let last: { k: string; id: string } | undefined;
  for (;;) {
    const keyset = last
      ? sql`(${column}, ${orders.id}) ${sql.raw(descending ? '<' : '>')} (${last.k}::${keyType[key]}, ${last.id}::uuid)`
      : undefined;
    const rows = await queryRows<Record<string, unknown> & { k: string; id: string; none: boolean }>(
      db,
      sql`SELECT ${select}, ${column}::text AS k, ${orders.id} AS id, ${opts.lines ? sql`ol.id IS NULL` : sql`false`} AS none
          FROM (SELECT * FROM ${orders} WHERE ${where(scope, filter, keyset)} ORDER BY ${order} LIMIT ${batch}) ${orders}
          JOIN ${stores} s ON s.id = ${orders.storeId}
          ${opts.customers ? sql`LEFT JOIN ${customers} c ON c.id = ${orders.customerId}` : sql``}
          ${opts.lines ? sql`LEFT JOIN ${orderLines} ol ON ol.order_id = ${orders.id}` : sql``}
          ORDER BY ${order}${opts.lines ? sql`, ol.line_no` : sql``}`,
    );
    // an order without lines is joined (so the page counts it) but writes no row
    const out = rows.filter((r) => !r.none).map((r) => names.map((n) => r[n]));
    if (out.length) yield out;
    let seen = 0;
    for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i]!.id !== rows[i - 1]!.id) seen++;
    if (seen < batch) return;
    const tail = rows[rows.length - 1]!;
    last = { k: tail.k, id: tail.id };
  }
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

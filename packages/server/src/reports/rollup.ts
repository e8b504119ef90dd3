import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';

/**
 * Recomputes the daily rollups of a set of orders from the source tables: orders, order_lines,
 * order_history, approvals. `scope` picks the orders: those of the (store, local day) keys in the
 * temp table `report_keys`, one business, or everything. The caller has deleted the rollup rows of
 * exactly that set first, in the same transaction, so the result is exact and idempotent.
 */
export type RollupScope = { kind: 'keys' } | { kind: 'business'; businessId: string } | { kind: 'all' };

function sourceOrders(scope: RollupScope): SQL {
  // LATERAL: one index range scan of (store_id, created_at) per key, never a pass over all orders
  if (scope.kind === 'keys')
    return sql`SELECT o.*, k.day FROM report_keys k CROSS JOIN LATERAL (
        SELECT * FROM orders o
        WHERE o.store_id = k.store_id AND o.created_at >= k.start_at AND o.created_at < k.end_at) o`;
  const where = scope.kind === 'business' ? sql`WHERE o.business_id = ${scope.businessId}` : sql``;
  return sql`SELECT o.*, (o.created_at AT TIME ZONE st.timezone)::date AS day
    FROM orders o JOIN stores st ON st.id = o.store_id ${where}`;
}

// The category of every state of every workflow version: drafts and cancellations are not sales.
const WORKFLOW_STATES = sql`SELECT w.id AS workflow_id, s->>'key' AS state, s->>'category' AS category
  FROM workflows w CROSS JOIN LATERAL jsonb_array_elements(w.definition->'states') s`;

/**
 * The (store, local day) keys to recompute, with the instants the day starts and ends in the
 * store's zone, from a query answering (store_id, day). Analyzed, so the planner knows it is small.
 */
export async function createKeys(tx: DbOrTx, keys: SQL) {
  await tx.execute(sql`CREATE TEMP TABLE report_keys ON COMMIT DROP AS
    SELECT k.store_id, k.day, (k.day::timestamp AT TIME ZONE st.timezone) AS start_at,
           ((k.day + 1)::timestamp AT TIME ZONE st.timezone) AS end_at
    FROM (${keys}) k JOIN stores st ON st.id = k.store_id`);
  await tx.execute(sql`ANALYZE report_keys`);
}

const KEY = sql`o.business_id, o.store_id, o.day, o.sales_rep_id, o.created_by`;

export async function deleteRollups(tx: DbOrTx, scope: RollupScope) {
  for (const table of [
    'report_order_daily',
    'report_line_daily',
    'report_state_time_daily',
    'report_approval_daily',
  ]) {
    const t = sql.raw(table);
    if (scope.kind === 'keys')
      await tx.execute(
        sql`DELETE FROM ${t} r USING report_keys k WHERE r.store_id = k.store_id AND r.day = k.day`,
      );
    else if (scope.kind === 'business')
      await tx.execute(sql`DELETE FROM ${t} WHERE business_id = ${scope.businessId}`);
    else await tx.execute(sql`DELETE FROM ${t}`);
  }
}

export async function insertRollups(tx: DbOrTx, scope: RollupScope) {
  // the orders in question once, with their day and state category; every rollup reads this
  await tx.execute(sql`CREATE TEMP TABLE report_src ON COMMIT DROP AS
    SELECT o.id, o.business_id, o.store_id, o.day, o.sales_rep_id, o.created_by, o.channel, o.state, o.total,
           coalesce(ws.category, 'open') AS category
    FROM (${sourceOrders(scope)}) o
    LEFT JOIN (${WORKFLOW_STATES}) ws ON ws.workflow_id = o.workflow_id AND ws.state = o.state`);
  await tx.execute(sql`ANALYZE report_src`);
  await tx.execute(sql`
    INSERT INTO report_order_daily (business_id, store_id, day, sales_rep_id, created_by, channel, state, category, orders, revenue)
    SELECT ${KEY}, o.channel, o.state, o.category, count(*), coalesce(sum(o.total), 0)
    FROM report_src o GROUP BY ${KEY}, o.channel, o.state, o.category`);

  await tx.execute(sql`
    INSERT INTO report_line_daily (business_id, store_id, day, sales_rep_id, created_by, product_id, category_id, orders, quantity, revenue)
    SELECT ${KEY}, l.product_id, p.category_id, count(DISTINCT o.id), sum(l.quantity), sum(l.total)
    FROM report_src o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
    WHERE o.category NOT IN ('draft', 'cancelled')
    GROUP BY ${KEY}, l.product_id, p.category_id`);

  // a stay runs from the move into a state to the next move out of it; stages within a state
  // (from = to) are not moves, and the stay the order is in now is not over yet
  await tx.execute(sql`WITH moves AS (
      SELECT ${KEY}, h.to_state AS state, h.at,
             lead(h.at) OVER (PARTITION BY h.order_id ORDER BY h.version_after) AS left_at
      FROM report_src o JOIN order_history h ON h.order_id = o.id
      WHERE h.from_state IS DISTINCT FROM h.to_state)
    INSERT INTO report_state_time_daily (business_id, store_id, day, sales_rep_id, created_by, state, stays, seconds)
    SELECT ${KEY}, o.state, count(*), coalesce(sum(round(extract(epoch FROM o.left_at - o.at))), 0)
    FROM moves o WHERE o.left_at IS NOT NULL
    GROUP BY ${KEY}, o.state`);

  await tx.execute(sql`
    INSERT INTO report_approval_daily (business_id, store_id, day, sales_rep_id, created_by, decided, approved, rejected, pending, seconds)
    SELECT ${KEY},
           count(*) FILTER (WHERE a.status IN ('approved', 'rejected') AND a.decided_at IS NOT NULL),
           count(*) FILTER (WHERE a.status = 'approved'),
           count(*) FILTER (WHERE a.status = 'rejected'),
           count(*) FILTER (WHERE a.status = 'pending'),
           coalesce(sum(round(extract(epoch FROM a.decided_at - a.created_at)))
             FILTER (WHERE a.status IN ('approved', 'rejected') AND a.decided_at IS NOT NULL), 0)
    FROM report_src o JOIN approvals a ON a.order_id = o.id
    WHERE a.status <> 'superseded'
    GROUP BY ${KEY}`);
  await tx.execute(sql`DROP TABLE report_src`);
}

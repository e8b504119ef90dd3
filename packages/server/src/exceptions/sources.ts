import type { ExceptionKind, WorkflowDefinition } from '@orderloop/contract';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeFilter } from '../access/access.ts';
import { complaints } from '../db/complaint-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { orderIncidents } from '../db/exceptions-schema.ts';
import { orders } from '../db/order-schema.ts';
import { orderHistory, outbox, workflows } from '../db/workflow-schema.ts';

/** How far back a rejection still counts as something to look at (it leaves once handled). */
export const REJECTED_LOOKBACK_MINUTES = 7 * 24 * 60;

/** What every source is asked: whose, where, which kinds, and now. */
export type SourceQuery = {
  businessId: string;
  scope: Scope;
  storeId?: string;
  kinds: ExceptionKind[];
  now: Date;
  defs: WorkflowDefinition[];
};

/**
 * One kind (or family of kinds) of exception as SQL: each returns rows of
 * `(kind, source_id, since, order_id, store_id, data)`, already filtered by business, data scope
 * and store, so the union can be paged and counted in the database. A module adds a source here
 * (complaints: `complaint_open`) and the view, counts and paging pick it up.
 */
export type Source = { kinds: ExceptionKind[]; sql: (q: SourceQuery) => SQL };

const orderScope = (q: SourceQuery) =>
  scopeFilter(q.scope, { store: orders.storeId, owners: [orders.salesRepId, orders.createdBy] });
const where = (...parts: (SQL | undefined)[]) => and(...parts) ?? sql`true`;
const storeIs = (q: SourceQuery) => (q.storeId ? eq(orders.storeId, q.storeId) : undefined);

/** States that end an order in any of the business's definitions: never overdue. */
const terminalStates = (defs: WorkflowDefinition[]) => [
  ...new Set(
    defs.flatMap((d) =>
      d.states.filter((s) => s.category === 'done' || s.category === 'cancelled').map((s) => s.key),
    ),
  ),
];

/**
 * A rejection is the definition's approval `onReject` action or an action named `reject`; the
 * order stands rejected while that is still its latest move (resubmitting it clears the exception).
 */
export function rejectionsOf(defs: WorkflowDefinition[]) {
  const actions = new Set<string>();
  const states = new Set<string>();
  for (const d of defs)
    for (const t of d.transitions)
      if (t.action === d.approval?.onReject || t.action === 'reject') {
        actions.add(t.action);
        if (t.to !== '@previous') states.add(t.to);
      }
  return { actions: [...actions], states: [...states] };
}

const overdue: Source = {
  kinds: ['overdue'],
  sql: (q) => {
    const ends = terminalStates(q.defs);
    return sql`SELECT 'overdue'::text AS kind, ${orders.id} AS source_id, ${orders.dueAt} AS since,
        ${orders.id} AS order_id, ${orders.storeId} AS store_id, '{}'::jsonb AS data
      FROM ${orders}
      WHERE ${where(
        eq(orders.businessId, q.businessId),
        sql`${orders.dueAt} IS NOT NULL AND ${orders.dueAt} < ${q.now.toISOString()}::timestamptz`,
        ends.length ? sql`${orders.state} NOT IN ${ends}` : undefined,
        storeIs(q),
        orderScope(q),
      )}`;
  },
};

const rejected: Source = {
  kinds: ['rejected'],
  sql: (q) => {
    const r = rejectionsOf(q.defs);
    if (!r.actions.length || !r.states.length)
      return sql`SELECT NULL::text, NULL::uuid, NULL::timestamptz, NULL::uuid, NULL::uuid, NULL::jsonb WHERE false`;
    const since = new Date(q.now.getTime() - REJECTED_LOOKBACK_MINUTES * 60_000);
    return sql`SELECT 'rejected'::text AS kind, ${orders.id} AS source_id, ${orders.stateEnteredAt} AS since,
        ${orders.id} AS order_id, ${orders.storeId} AS store_id,
        jsonb_build_object('action', h.action, 'comment', h.comment, 'reason', h.input->>'reason',
          'byUserId', h.actor_id, 'byType', h.actor_type) AS data
      FROM ${orders}
      CROSS JOIN LATERAL (
        SELECT ${orderHistory.action} AS action, ${orderHistory.comment} AS comment,
          ${orderHistory.input} AS input, ${orderHistory.actorId} AS actor_id, ${orderHistory.actorType} AS actor_type
        FROM ${orderHistory} WHERE ${orderHistory.orderId} = ${orders.id}
        ORDER BY ${orderHistory.versionAfter} DESC LIMIT 1) h
      WHERE ${where(
        eq(orders.businessId, q.businessId),
        inArray(orders.state, r.states),
        sql`${orders.stateEnteredAt} >= ${since.toISOString()}::timestamptz`,
        sql`h.action IN ${r.actions}`,
        storeIs(q),
        orderScope(q),
      )}`;
  },
};

const incidents: Source = {
  kinds: ['out_of_stock_at_submission', 'payment_mismatch'],
  sql: (q) => {
    const kinds = q.kinds.filter((k) => incidents.kinds.includes(k));
    return sql`SELECT ${orderIncidents.kind}::text AS kind, ${orderIncidents.id} AS source_id,
        ${orderIncidents.createdAt} AS since, ${orderIncidents.orderId} AS order_id,
        ${orderIncidents.storeId} AS store_id, ${orderIncidents.details} AS data
      FROM ${orderIncidents}
      WHERE ${where(
        eq(orderIncidents.businessId, q.businessId),
        sql`${orderIncidents.status} <> 'resolved'`,
        kinds.length < incidents.kinds.length ? inArray(orderIncidents.kind, kinds as never[]) : undefined,
        q.storeId ? eq(orderIncidents.storeId, q.storeId) : undefined,
        scopeFilter(q.scope, { store: orderIncidents.storeId, owners: [orderIncidents.userId] }),
      )}`;
  },
};

/** Dead letters: an ERP push is its own kind, every other channel is a notification. */
const deadDeliveries: Source = {
  kinds: ['erp_push_failed', 'notification_failed'],
  sql: (q) => {
    const erp = q.kinds.includes('erp_push_failed');
    const other = q.kinds.includes('notification_failed');
    return sql`SELECT CASE WHEN ${outbox.channel} = 'erp' THEN 'erp_push_failed' ELSE 'notification_failed' END AS kind,
        ${outbox.id} AS source_id, ${outbox.nextAttemptAt} AS since, ${orders.id} AS order_id,
        ${orders.storeId} AS store_id,
        jsonb_build_object('channel', ${outbox.channel}, 'error', ${outbox.lastError},
          'attempts', ${outbox.attempts}, 'event', ${outbox.payload}->>'event') AS data
      FROM ${outbox}
      LEFT JOIN ${orders} ON ${orders.id} = CASE WHEN ${outbox.payload}->'order'->>'orderId' ~ '^[0-9a-f-]{36}$'
        THEN (${outbox.payload}->'order'->>'orderId')::uuid END
      WHERE ${where(
        eq(outbox.businessId, q.businessId),
        sql`${outbox.status} = 'dead'`,
        erp && !other ? sql`${outbox.channel} = 'erp'` : undefined,
        other && !erp ? sql`${outbox.channel} <> 'erp'` : undefined,
        storeIs(q),
        orderScope(q),
      )}`;
  },
};

/** Complaints still open or in progress (complaints_active_idx), in the order's scope. */
const openComplaints: Source = {
  kinds: ['complaint_open'],
  sql: (q) => sql`SELECT 'complaint_open'::text AS kind, ${complaints.id} AS source_id,
      ${complaints.createdAt} AS since, ${complaints.orderId} AS order_id, ${complaints.storeId} AS store_id,
      jsonb_build_object('complaintId', ${complaints.id}, 'complaintKind', ${complaints.kind},
        'state', ${complaints.state}, 'assigneeId', ${complaints.assigneeId},
        'overdue', (${complaints.overdueAt} IS NOT NULL OR ${complaints.dueAt} <= ${q.now.toISOString()}::timestamptz),
        'title', left(${complaints.description}, 120)) AS data
    FROM ${complaints} JOIN ${orders} ON ${orders.id} = ${complaints.orderId}
    WHERE ${where(
      eq(complaints.businessId, q.businessId),
      sql`${complaints.state} IN ('open', 'in_progress')`,
      q.storeId ? eq(complaints.storeId, q.storeId) : undefined,
      orderScope(q),
    )}`,
};

/** Every source: the view, its counts and paging pick up whatever is listed here. */
export const exceptionSources: Source[] = [overdue, rejected, incidents, deadDeliveries, openComplaints];

/** The union of the sources the query asks for, as one SQL relation. */
export function unionOf(q: SourceQuery): SQL | null {
  const parts = exceptionSources.filter((s) => s.kinds.some((k) => q.kinds.includes(k))).map((s) => s.sql(q));
  if (!parts.length) return null;
  return sql.join(
    parts.map((p) => sql`(${p})`),
    sql` UNION ALL `,
  );
}

/** Every definition version the business's orders may be on. */
export async function businessDefinitions(db: DbOrTx, businessId: string) {
  const rows = await db
    .select({ id: workflows.id, definition: workflows.definition })
    .from(workflows)
    .where(eq(workflows.businessId, businessId));
  return rows;
}

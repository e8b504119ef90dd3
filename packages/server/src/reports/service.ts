import type {
  breakdownQuery,
  overviewQuery,
  ReportBreakdown,
  ReportFlow,
  ReportOverview,
  ReportQuery,
  StateCategory,
  WorkflowDefinition,
} from '@orderloop/contract';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, type Scope, scopeFilter, storesOf } from '../access/access.ts';
import { categories, products } from '../db/catalog-schema.ts';
import { complaints } from '../db/complaint-schema.ts';
import { queryRows } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import {
  reportApprovalDaily,
  reportLineDaily,
  reportOrderDaily,
  reportRefresh,
  reportStateTimeDaily,
} from '../db/report-schema.ts';
import { stores, users } from '../db/schema.ts';
import { workflows } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { channelLabels, noneLabel } from './labels.ts';

type RollupTable =
  | typeof reportOrderDaily
  | typeof reportLineDaily
  | typeof reportStateTimeDaily
  | typeof reportApprovalDaily;
type Range = { scope: Scope; businessId: string; storeId?: string; from: string; to: string };
const SALE = sql`category NOT IN ('draft', 'cancelled')`;
const num = (v: unknown) => Number(v ?? 0);

/** Permission first, then the store filter must lie within the reader's scope. */
function rangeOf(ctx: Ctx, q: ReportQuery): Range {
  const scope = requirePermission(ctx.actor, 'reports.read');
  if (q.storeId) {
    const reach = storesOf(scope);
    if (reach !== 'all' && !reach.includes(q.storeId)) throw new ForbiddenError({ key: 'forbidden.scope' });
  }
  return { scope, businessId: scope.actor.businessId, storeId: q.storeId, from: q.from, to: q.to };
}

/** Business, days, store filter and data scope (store grants, own = sales rep or creator) on a rollup. */
function where(r: Range, t: RollupTable): SQL {
  return and(
    eq(t.businessId, r.businessId),
    sql`${t.day} BETWEEN ${r.from} AND ${r.to}`,
    r.storeId ? eq(t.storeId, r.storeId) : undefined,
    scopeFilter(r.scope, { store: t.storeId, owners: [t.salesRepId, t.createdBy] }),
  )!;
}

/** The one currency of the stores in view, or null when they differ. */
async function currencyOf(ctx: Ctx, r: Range): Promise<string | null> {
  const reach = storesOf(r.scope);
  const rows = await ctx.db
    .selectDistinct({ c: stores.currency })
    .from(stores)
    .where(
      and(
        eq(stores.businessId, r.businessId),
        r.storeId ? eq(stores.id, r.storeId) : undefined,
        reach === 'all' || r.scope.own
          ? undefined
          : inArray(stores.id, reach.length ? reach : [r.businessId]),
      ),
    );
  return rows.length === 1 ? rows[0]!.c : null;
}

/** State key → name and category in the request language, newest workflow version first. */
async function stateNames(ctx: Ctx, businessId: string) {
  const defs = await ctx.db
    .select({ d: workflows.definition })
    .from(workflows)
    .where(eq(workflows.businessId, businessId))
    .orderBy(desc(workflows.version));
  const out = new Map<string, { name: string; category: StateCategory }>();
  for (const { d } of defs as { d: WorkflowDefinition }[])
    for (const s of d.states)
      if (!out.has(s.key)) out.set(s.key, { name: s.name[ctx.locale], category: s.category });
  return out;
}

/** Every period of the range, so a chart has its empty days too. */
export function periodsOf(from: string, to: string, granularity: 'day' | 'week' | 'month'): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  if (granularity === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (granularity === 'month') start.setUTCDate(1);
  const end = Date.parse(`${to}T00:00:00Z`);
  const out: string[] = [];
  for (const d = start; d.getTime() <= end; ) {
    out.push(d.toISOString().slice(0, 10));
    if (granularity === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (granularity === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

export async function reportOverview(ctx: Ctx, q: z.output<typeof overviewQuery>): Promise<ReportOverview> {
  const r = rangeOf(ctx, q);
  const t = reportOrderDaily;
  const trunc = sql.raw(`'${q.granularity}'`);
  const series = await queryRows<{ period: string; orders: string; revenue: string; cancelled: string }>(
    ctx.db,
    sql`SELECT to_char(date_trunc(${trunc}, ${t.day}), 'YYYY-MM-DD') AS period,
          coalesce(sum(${t.orders}) FILTER (WHERE ${SALE}), 0) AS orders,
          coalesce(sum(${t.revenue}) FILTER (WHERE ${SALE}), 0) AS revenue,
          coalesce(sum(${t.orders}) FILTER (WHERE category = 'cancelled'), 0) AS cancelled
        FROM ${t} WHERE ${where(r, t)} GROUP BY 1`,
  );
  const byPeriod = new Map(series.map((s) => [s.period, s]));
  const points = periodsOf(q.from, q.to, q.granularity).map((period) => {
    const s = byPeriod.get(period);
    return { period, orders: num(s?.orders), revenue: num(s?.revenue), cancelled: num(s?.cancelled) };
  });
  const totals = points.reduce(
    (a, p) => ({
      orders: a.orders + p.orders,
      revenue: a.revenue + p.revenue,
      cancelled: a.cancelled + p.cancelled,
    }),
    { orders: 0, revenue: 0, cancelled: 0 },
  );
  const stateRows = await queryRows<{ state: string; category: StateCategory; orders: string }>(
    ctx.db,
    sql`SELECT ${t.state} AS state, ${t.category} AS category, sum(${t.orders}) AS orders
        FROM ${t} WHERE ${where(r, t)} GROUP BY 1, 2 ORDER BY 3 DESC`,
  );
  const names = await stateNames(ctx, r.businessId);
  const [live] = await queryRows<{ overdue: number; approvals: number }>(ctx.db, liveCounts(ctx, r));
  const [refresh] = await ctx.db.select({ at: reportRefresh.refreshedAt }).from(reportRefresh);
  return {
    from: q.from,
    to: q.to,
    currency: await currencyOf(ctx, r),
    refreshedAt: refresh?.at.toISOString() ?? null,
    totals: { ...totals, avgOrderValue: totals.orders ? Math.round(totals.revenue / totals.orders) : 0 },
    series: points,
    states: stateRows.map((s) => ({
      state: s.state,
      name: names.get(s.state)?.name ?? s.state,
      category: s.category,
      orders: num(s.orders),
    })),
    overdue: live?.overdue ?? 0,
    pendingApprovals: live?.approvals ?? 0,
    complaints: await complaintKinds(ctx, r),
  };
}

/**
 * Complaints filed in the range (the store's local days), most frequent kind first. Read from the
 * source: complaints are few next to orders, and (business, created_at) is indexed.
 */
async function complaintKinds(ctx: Ctx, r: Range) {
  const c = complaints;
  const rows = await queryRows<{ kind: string; count: number }>(
    ctx.db,
    sql`SELECT ${c.kind} AS kind, count(*)::int AS count
        FROM ${c} JOIN ${orders} ON ${orders.id} = ${c.orderId} JOIN ${stores} ON ${stores.id} = ${c.storeId}
        WHERE ${and(
          eq(c.businessId, r.businessId),
          // a day either side, then the store's own calendar day decides
          sql`${c.createdAt} >= ${r.from}::date - 1 AND ${c.createdAt} < ${r.to}::date + 2`,
          sql`(${c.createdAt} AT TIME ZONE ${stores.timezone})::date BETWEEN ${r.from}::date AND ${r.to}::date`,
          r.storeId ? eq(c.storeId, r.storeId) : undefined,
          scopeFilter(r.scope, { store: c.storeId, owners: [orders.salesRepId, orders.createdBy] }),
        )}
        GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  return rows.map((x) => ({ kind: x.kind, count: num(x.count) }));
}

/**
 * The "now" figures straight from the source: overdue orders through the partial due-date index,
 * pending approvals through their partial index — both small sets however many orders there are.
 */
function liveCounts(ctx: Ctx, r: Range): SQL {
  const o = orders;
  const orderScope = and(
    r.storeId ? eq(o.storeId, r.storeId) : undefined,
    scopeFilter(r.scope, { store: o.storeId, owners: [o.salesRepId, o.createdBy] }),
  );
  const now = ctx.clock.now().toISOString();
  return sql`SELECT
      (SELECT count(*)::int FROM ${o} WHERE ${o.businessId} = ${r.businessId}
         AND ${o.dueAt} IS NOT NULL AND ${o.dueAt} < ${now}::timestamptz ${orderScope ? sql`AND ${orderScope}` : sql``}) AS overdue,
      (SELECT count(*)::int FROM approvals a JOIN ${o} ON ${o.id} = a.order_id
         WHERE a.business_id = ${r.businessId} AND a.status = 'pending' ${orderScope ? sql`AND ${orderScope}` : sql``}) AS approvals`;
}

export async function reportBreakdown(
  ctx: Ctx,
  q: z.output<typeof breakdownQuery>,
): Promise<ReportBreakdown> {
  const r = rangeOf(ctx, q);
  const lines = q.dimension === 'product' || q.dimension === 'category';
  const t = lines ? reportLineDaily : reportOrderDaily;
  const col = {
    store: reportOrderDaily.storeId,
    channel: reportOrderDaily.channel,
    rep: reportOrderDaily.salesRepId,
    product: reportLineDaily.productId,
    category: reportLineDaily.categoryId,
  }[q.dimension];
  const filter = lines ? where(r, t) : sql`${where(r, t)} AND ${SALE}`;
  const quantity = lines ? sql`sum(${reportLineDaily.quantity})` : sql`NULL`;
  const rows = await queryRows<{
    key: string | null;
    orders: string;
    revenue: string;
    quantity: string | null;
    total: string;
  }>(
    ctx.db,
    sql`SELECT ${col}::text AS key, sum(${t.orders}) AS orders, sum(${t.revenue}) AS revenue, ${quantity} AS quantity,
          sum(sum(${t.revenue})) OVER () AS total
        FROM ${t} WHERE ${filter} GROUP BY 1 ORDER BY 3 DESC, 2 DESC, 1 LIMIT ${q.limit}`,
  );
  const labels = await labelsOf(
    ctx,
    q.dimension,
    rows.map((x) => x.key).filter((k): k is string => !!k),
  );
  return {
    dimension: q.dimension,
    currency: await currencyOf(ctx, r),
    rows: rows.map((x) => ({
      key: x.key,
      label: labelFor(ctx, q.dimension, x.key, labels),
      orders: num(x.orders),
      revenue: num(x.revenue),
      quantity: x.quantity === null ? null : num(x.quantity),
      share: num(x.total) ? num(x.revenue) / num(x.total) : 0,
    })),
  };
}

async function labelsOf(ctx: Ctx, dimension: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length || dimension === 'channel') return new Map();
  const table = { store: stores, rep: users, product: products, category: categories }[dimension];
  if (!table) return new Map();
  const name = dimension === 'rep' ? users.displayName : (table as typeof stores).name;
  const rows = await ctx.db
    .select({ id: (table as typeof stores).id, name })
    .from(table as typeof stores)
    .where(inArray((table as typeof stores).id, ids));
  return new Map(rows.map((x) => [x.id, x.name]));
}

function labelFor(ctx: Ctx, dimension: string, key: string | null, labels: Map<string, string>): string {
  if (dimension === 'channel') return key ? (channelLabels[key]?.[ctx.locale] ?? key) : '';
  if (key) return labels.get(key) ?? noneLabel.other[ctx.locale];
  return (
    dimension === 'rep' ? noneLabel.rep : dimension === 'category' ? noneLabel.category : noneLabel.other
  )[ctx.locale];
}

export async function reportFlow(ctx: Ctx, q: ReportQuery): Promise<ReportFlow> {
  const r = rangeOf(ctx, q);
  const s = reportStateTimeDaily;
  const a = reportApprovalDaily;
  const times = await queryRows<{ state: string; stays: string; seconds: string }>(
    ctx.db,
    sql`SELECT ${s.state} AS state, sum(${s.stays}) AS stays, sum(${s.seconds}) AS seconds
        FROM ${s} WHERE ${where(r, s)} GROUP BY 1 ORDER BY 1`,
  );
  const [ap] = await queryRows<
    Record<'decided' | 'approved' | 'rejected' | 'pending' | 'seconds', string | null>
  >(
    ctx.db,
    sql`SELECT sum(${a.decided}) AS decided, sum(${a.approved}) AS approved, sum(${a.rejected}) AS rejected,
          sum(${a.pending}) AS pending, sum(${a.seconds}) AS seconds FROM ${a} WHERE ${where(r, a)}`,
  );
  const names = await stateNames(ctx, r.businessId);
  const decided = num(ap?.decided);
  return {
    stateTimes: times.map((x) => ({
      state: x.state,
      name: names.get(x.state)?.name ?? x.state,
      stays: num(x.stays),
      avgSeconds: num(x.stays) ? Math.round(num(x.seconds) / num(x.stays)) : 0,
    })),
    approvals: {
      decided,
      approved: num(ap?.approved),
      rejected: num(ap?.rejected),
      pending: num(ap?.pending),
      avgSeconds: decided ? Math.round(num(ap?.seconds) / decided) : null,
    },
  };
}

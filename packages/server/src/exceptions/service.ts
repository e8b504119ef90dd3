import {
  type ExceptionCounts,
  type ExceptionKind,
  exceptionKinds,
  type exceptionListQuery,
  type OrderException,
  translate,
  type WorkflowDefinition,
} from '@orderloop/contract';
import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { queryRows } from '../db/connect.ts';
import { orderIncidents } from '../db/exceptions-schema.ts';
import { orders } from '../db/order-schema.ts';
import { roles, stores, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { ValidationError } from '../lib/errors.ts';
import { businessDefinitions, type SourceQuery, unionOf } from './sources.ts';

type ListQuery = z.output<typeof exceptionListQuery>;
type Row = {
  kind: ExceptionKind;
  source_id: string;
  since: Date | string;
  order_id: string | null;
  store_id: string | null;
  data: Record<string, unknown> | null;
};

const key = sql`(x.kind || ':' || x.source_id::text) COLLATE "C"`;
const emptyCounts = () => Object.fromEntries(exceptionKinds.map((k) => [k, 0])) as ExceptionCounts;

async function sourceQuery(ctx: Ctx, kinds: ExceptionKind[], storeId?: string): Promise<SourceQuery> {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const wfs = await businessDefinitions(ctx.db, scope.actor.businessId);
  return {
    businessId: scope.actor.businessId,
    scope,
    storeId,
    kinds,
    now: ctx.clock.now(),
    defs: wfs.map((w) => w.definition),
  };
}

async function countsOf(ctx: Ctx, q: SourceQuery): Promise<ExceptionCounts> {
  const counts = emptyCounts();
  const union = unionOf({ ...q, kinds: [...exceptionKinds] });
  if (!union) return counts;
  const rows = await queryRows<{ kind: ExceptionKind; n: number }>(
    ctx.db,
    sql`SELECT x.kind, count(*)::int AS n FROM (${union}) x GROUP BY x.kind`,
  );
  for (const r of rows) counts[r.kind] = Number(r.n);
  return counts;
}

/** Counts per kind in the caller's scope: for badges and the tabs of the exceptions page. */
export async function exceptionSummary(ctx: Ctx, query: { storeId?: string }) {
  const q = await sourceQuery(ctx, [...exceptionKinds], query.storeId);
  const counts = await countsOf(ctx, q);
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/**
 * The exceptions view: every source's rows in the caller's data scope, newest first, paged by
 * `(since, kind:id)`; each row then told as people read it (order, store, owner, how late).
 */
export async function listExceptions(ctx: Ctx, query: ListQuery) {
  const kinds = query.kind?.length ? query.kind : [...exceptionKinds];
  const q = await sourceQuery(ctx, kinds, query.storeId);
  const counts = await countsOf(ctx, q);
  const union = unionOf(q);
  if (!union) return { items: [], nextCursor: null, counts };
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  if (after && (Number.isNaN(new Date(after[0]).getTime()) || typeof after[1] !== 'string'))
    throw new ValidationError([{ field: 'query.cursor', code: 'invalid_cursor', message: 'bad cursor' }]);
  const rows = await queryRows<Row>(
    ctx.db,
    sql`SELECT x.kind, x.source_id, x.since, x.order_id, x.store_id, x.data FROM (${union}) x
      ${after ? sql`WHERE (x.since, ${key}) < (${after[0]}::timestamptz, ${after[1]} COLLATE "C")` : sql``}
      ORDER BY x.since DESC, ${key} DESC LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const items = await describe(ctx, q, page);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.since, last.id]) : null,
    counts,
  };
}

const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / 60_000));

/** Everything a row needs to be read: its order, store, owner, state names, and a line of detail. */
async function describe(ctx: Ctx, q: SourceQuery, rows: Row[]): Promise<OrderException[]> {
  if (!rows.length) return [];
  const db = ctx.db;
  const orderIds = [...new Set(rows.map((r) => r.order_id).filter((x): x is string => !!x))];
  const os = orderIds.length ? await db.select().from(orders).where(inArray(orders.id, orderIds)) : [];
  const byOrder = new Map(os.map((o) => [o.id, o]));
  const incidentIds = rows.filter(
    (r) => r.kind === 'out_of_stock_at_submission' || r.kind === 'payment_mismatch',
  );
  const incs = incidentIds.length
    ? await db
        .select()
        .from(orderIncidents)
        .where(
          inArray(
            orderIncidents.id,
            incidentIds.map((r) => r.source_id),
          ),
        )
    : [];
  const byIncident = new Map(incs.map((i) => [i.id, i]));
  const storeRows = await db
    .select({ id: stores.id, name: stores.name })
    .from(stores)
    .where(eq(stores.businessId, q.businessId));
  const storeName = new Map(storeRows.map((s) => [s.id, s.name]));
  const ownerOf = (r: Row): string | null => {
    const o = r.order_id ? byOrder.get(r.order_id) : undefined;
    if (r.kind === 'rejected') return o?.assignedTo ?? o?.salesRepId ?? o?.createdBy ?? null;
    if (r.kind === 'complaint_open') return (r.data?.assigneeId as string | null | undefined) ?? null;
    if (o?.assignedTo) return o.assignedTo;
    return byIncident.get(r.source_id)?.userId ?? null;
  };
  const userIds = [...new Set(rows.map(ownerOf).filter((x): x is string => !!x))];
  const names = userIds.length
    ? new Map(
        (
          await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, userIds))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  const roleRows = await db
    .select({ name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(eq(roles.businessId, q.businessId));
  const wfs = await businessDefinitions(db, q.businessId);
  const defOf = new Map(wfs.map((w) => [w.id, w.definition]));
  const locale = ctx.locale;

  /** Roles that may take a staff step (not a cancel or reject) out of this state. */
  const rolesFor = (d: WorkflowDefinition | undefined, state: string) => {
    if (!d) return [];
    const perms = new Set<string>(
      d.transitions
        .filter((t) => t.from.includes(state) && t.actors.includes('staff') && t.tone !== 'danger')
        .flatMap((t) => t.permissions),
    );
    return roleRows.filter((r) => r.permissions.some((p) => perms.has(p))).map((r) => r.name);
  };

  return rows.map((r) => {
    const since = new Date(r.since);
    const o = r.order_id ? byOrder.get(r.order_id) : undefined;
    const d = o?.workflowId ? defOf.get(o.workflowId) : undefined;
    const st = o && d?.states.find((s) => s.key === o.state);
    const stateName = st?.name[locale] ?? o?.state ?? '';
    const data = r.data ?? {};
    const ownerId = ownerOf(r);
    const inc = byIncident.get(r.source_id);
    let lateMinutes: number | null = null;
    let severity: OrderException['severity'] = 'normal';
    let detail = '';
    switch (r.kind) {
      case 'overdue': {
        lateMinutes = minutesBetween(since, q.now);
        const esc = st?.escalateAfterMinutes;
        if (esc && q.now.getTime() >= since.getTime() + esc * 60_000) severity = 'escalated';
        detail = translate(locale, severity === 'escalated' ? 'exception.escalated' : 'exception.overdue', {
          state: stateName,
          late: lateMinutes,
        });
        break;
      }
      case 'rejected': {
        const t = d?.transitions.find((x) => x.action === data.action);
        detail = translate(locale, 'exception.rejected', {
          action: t?.name[locale] ?? String(data.action ?? ''),
          reason: String(data.reason ?? data.comment ?? '—'),
        });
        break;
      }
      case 'out_of_stock_at_submission': {
        const skus = (data.skus as { code: string; wanted: number; available: number }[] | undefined) ?? [];
        detail = translate(locale, 'exception.outOfStock', {
          skus: skus.map((s) => `${s.code} ${s.wanted}/${s.available}`).join(', ') || '—',
        });
        break;
      }
      case 'payment_mismatch':
        detail = translate(locale, 'exception.paymentMismatch', {
          paid: String(data.paid ?? '?'),
          total: String(data.total ?? '?'),
        });
        break;
      case 'erp_push_failed':
      case 'notification_failed':
        detail = translate(locale, 'exception.deliveryDead', {
          channel: String(data.channel ?? ''),
          attempts: Number(data.attempts ?? 0),
          error: String(data.error ?? '—').slice(0, 200),
        });
        break;
      case 'complaint_open':
        if (data.overdue) severity = 'escalated';
        detail = String(data.title ?? '');
        break;
    }
    const storeId = r.store_id ?? o?.storeId ?? null;
    return {
      id: `${r.kind}:${r.source_id}`,
      kind: r.kind,
      severity,
      since: since.toISOString(),
      ageMinutes: minutesBetween(since, q.now),
      lateMinutes,
      storeId,
      storeName: storeId ? (storeName.get(storeId) ?? null) : null,
      order: o ? { id: o.id, number: o.number, state: o.state, stateName } : null,
      owner: {
        userId: ownerId,
        name: ownerId ? (names.get(ownerId) ?? null) : null,
        roles: o && r.kind === 'overdue' ? rolesFor(d, o.state) : [],
      },
      detail,
      data,
      incident: inc
        ? {
            id: inc.id,
            status: inc.status,
            note: inc.note,
            acknowledgedAt: inc.acknowledgedAt?.toISOString() ?? null,
          }
        : null,
    };
  });
}

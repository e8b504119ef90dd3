import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import { reportRefresh } from '../db/report-schema.ts';
import type { Deps } from '../http/context.ts';
import { createKeys, deleteRollups, insertRollups } from './rollup.ts';

const ROW = 'orders';
/** A transaction that commits an event id later than this after taking it may be missed. */
export const RECHECK_SECONDS = 30;

export type RefreshResult =
  | { status: 'busy' }
  | { status: 'idle' }
  | { status: 'rebuilt'; orders: number }
  | { status: 'refreshed'; events: number; days: number };

async function maxEventId(tx: DbOrTx): Promise<number> {
  const [r] = await queryRows<{ id: string | null }>(tx, sql`SELECT max(id) AS id FROM events`);
  return Number(r?.id ?? 0);
}

// the rollup queries are short or run once: compiling them (JIT) cost more than it saved
const noJit = (tx: DbOrTx) => tx.execute(sql`SET LOCAL jit = off`);

async function rebuildAll(tx: DbOrTx, now: Date): Promise<number> {
  const last = await maxEventId(tx);
  await deleteRollups(tx, { kind: 'all' });
  await insertRollups(tx, { kind: 'all' });
  await tx
    .update(reportRefresh)
    .set({
      lastEventId: last,
      recheckFromId: last,
      pendingFromId: last,
      windowCount: 0,
      recheckSetAt: now,
      rebuiltAt: now,
      refreshedAt: now,
    })
    .where(eq(reportRefresh.id, ROW));
  const [r] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT coalesce(sum(orders), 0)::int AS n FROM report_order_daily`,
  );
  return r?.n ?? 0;
}

async function ensureRow(db: DbOrTx, now: Date) {
  await db
    .insert(reportRefresh)
    .values({
      id: ROW,
      lastEventId: 0,
      recheckFromId: 0,
      pendingFromId: 0,
      recheckSetAt: now,
      refreshedAt: now,
    })
    .onConflictDoNothing();
}

/**
 * Brings the rollups up to date with the `events` table: the (store, local day) of every order an
 * event touched since the recheck watermark is recomputed from the source tables, in one
 * transaction. The state row is claimed with SKIP LOCKED, so with any number of worker processes
 * one refreshes and the others skip the tick. Never rebuilt yet (a fresh or upgraded database):
 * a full rebuild instead.
 */
export async function refreshReports(deps: Pick<Deps, 'db' | 'clock'>): Promise<RefreshResult> {
  const now = deps.clock.now();
  await ensureRow(deps.db, now);
  return deps.db.transaction(async (tx) => {
    await noJit(tx);
    const [state] = await tx
      .select()
      .from(reportRefresh)
      .where(eq(reportRefresh.id, ROW))
      .for('update', { skipLocked: true });
    if (!state) return { status: 'busy' } as const;
    if (!state.rebuiltAt) return { status: 'rebuilt', orders: await rebuildAll(tx, now) } as const;

    const [w] = await queryRows<{ n: number; max: string | null }>(
      tx,
      sql`SELECT count(*)::int AS n, max(id) AS max FROM events WHERE id > ${state.recheckFromId}`,
    );
    const seen = w?.n ?? 0;
    const rotate = now.getTime() - state.recheckSetAt.getTime() >= RECHECK_SECONDS * 1000;
    if (seen === state.windowCount && !rotate) return { status: 'idle' } as const;

    let days = 0;
    if (seen !== state.windowCount) {
      await createKeys(
        tx,
        sql`SELECT DISTINCT o.store_id, (o.created_at AT TIME ZONE st.timezone)::date AS day
          FROM events e JOIN orders o ON o.id = e.order_id JOIN stores st ON st.id = o.store_id
          WHERE e.id > ${state.recheckFromId}`,
      );
      const [k] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM report_keys`);
      days = k?.n ?? 0;
      await deleteRollups(tx, { kind: 'keys' });
      await insertRollups(tx, { kind: 'keys' });
    }
    const last = Math.max(state.lastEventId, Number(w?.max ?? 0));
    const next = rotate
      ? { recheckFromId: state.pendingFromId, pendingFromId: last, recheckSetAt: now }
      : {
          recheckFromId: state.recheckFromId,
          pendingFromId: state.pendingFromId,
          recheckSetAt: state.recheckSetAt,
        };
    // after a rotation the window shrinks: count what lies past the new recheck watermark
    const [c] = rotate
      ? await queryRows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM events WHERE id > ${next.recheckFromId} AND id <= ${last}`,
        )
      : [{ n: seen }];
    await tx
      .update(reportRefresh)
      .set({ ...next, lastEventId: last, windowCount: c?.n ?? 0, refreshedAt: now })
      .where(eq(reportRefresh.id, ROW));
    return days || seen !== state.windowCount
      ? ({ status: 'refreshed', events: seen, days } as const)
      : ({ status: 'idle' } as const);
  });
}

/**
 * Recomputes the rollups from scratch: everything (after seeding or importing orders that bypass
 * events), or one business (its administrator's button). Waits for a running refresh.
 */
export async function rebuildReports(
  deps: Pick<Deps, 'db' | 'clock'>,
  businessId?: string,
  /** Runs in the rebuild's transaction (the audit entry). */
  after?: (tx: DbOrTx, orders: number) => Promise<void>,
): Promise<{ orders: number; ms: number }> {
  const started = Date.now();
  const now = deps.clock.now();
  await ensureRow(deps.db, now);
  const orders = await deps.db.transaction(async (tx) => {
    await noJit(tx);
    await tx.select().from(reportRefresh).where(eq(reportRefresh.id, ROW)).for('update');
    if (!businessId) {
      const n = await rebuildAll(tx, now);
      await after?.(tx, n);
      return n;
    }
    await deleteRollups(tx, { kind: 'business', businessId });
    await insertRollups(tx, { kind: 'business', businessId });
    const [r] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT coalesce(sum(orders), 0)::int AS n FROM report_order_daily WHERE business_id = ${businessId}`,
    );
    await after?.(tx, r?.n ?? 0);
    return r?.n ?? 0;
  });
  return { orders, ms: Date.now() - started };
}

/** The in-process refresh loop (one per process; `orderloop worker` runs it alone). */
export function startReportLoop(deps: Deps, intervalMs = 5000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await refreshReports(deps);
    } catch (err) {
      deps.log.error({ err }, 'report refresh failed');
    } finally {
      running = false;
    }
  };
  const handle = setInterval(() => void tick(), intervalMs);
  handle.unref();
  return { tick, stop: () => clearInterval(handle) };
}

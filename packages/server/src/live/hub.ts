import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Database, type DbOrTx, queryRows } from '../db/connect.ts';

export const EVENTS_CHANNEL = 'orderloop_events';

/** An event with what deciding its audience needs: the order's owners and customer. */
export type LiveRow = {
  id: number;
  businessId: string;
  storeId: string | null;
  orderId: string | null;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  salesRepId: string | null;
  createdBy: string | null;
  customerId: string | null;
};

type Raw = Omit<LiveRow, 'id' | 'at'> & { id: string | number; at: Date | string };

/** Events after `afterId` (of one business, or all), oldest first, with their orders' owners. */
export async function eventsAfter(
  db: DbOrTx,
  afterId: number,
  limit: number,
  businessId?: string,
): Promise<LiveRow[]> {
  const rows = await queryRows<Raw>(
    db,
    sql`SELECT e.id, e.business_id AS "businessId", e.store_id AS "storeId", e.order_id AS "orderId",
          e.type, e.payload, e.at, o.sales_rep_id AS "salesRepId", o.created_by AS "createdBy",
          o.customer_id AS "customerId"
        FROM events e LEFT JOIN orders o ON o.id = e.order_id
        WHERE e.id > ${afterId} ${businessId ? sql`AND e.business_id = ${businessId}` : sql``}
        ORDER BY e.id LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) }));
}

/**
 * One per process: a single LISTEN on the events channel, and on each NOTIFY one read of the new
 * rows, fanned out to every open stream of this process.
 *
 * Ids come from a sequence when a row is inserted, not when it commits, so id 41 can commit after
 * id 42. The hub therefore keeps a floor below which everything was seen (or given up on) and
 * re-reads from it: a missing id is waited for for `graceMs` (a late commit) before it is taken
 * for a rolled-back transaction and passed over. Each id is emitted at most once.
 */
export function createHub(database: Database, log: FastifyBaseLogger, graceMs = 10_000) {
  // a subscriber gets each read's new rows together: one write per stream per read, not per event
  const subscribers = new Set<(batch: LiveRow[]) => void>();
  const closers = new Set<() => void>();
  let floor = 0;
  const seen = new Set<number>();
  const gaps = new Map<number, number>(); // missing id → when first missed
  let started: Promise<void> | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let polling: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let regap: NodeJS.Timeout | null = null;

  const advance = (top: number) => {
    const now = Date.now();
    // bounded: a sequence jump (a crash skips ids) is not a million gaps to wait for
    for (let id = Math.max(floor + 1, top - 10_000); id <= top; id++)
      if (!seen.has(id) && !gaps.has(id)) gaps.set(id, now);
    if (top - floor > 10_000) {
      floor = top - 10_000;
      for (const id of seen) if (id <= floor) seen.delete(id);
    }
    while (floor < top) {
      const next = floor + 1;
      const missed = gaps.get(next);
      if (seen.has(next)) seen.delete(next);
      else if (missed !== undefined && now - missed >= graceMs) gaps.delete(next);
      else break;
      floor = next;
    }
    if (gaps.size && !regap && !closed) {
      regap = setTimeout(() => {
        regap = null;
        void poll();
      }, graceMs);
      regap.unref();
    }
  };

  const readNew = async () => {
    for (;;) {
      const rows = await eventsAfter(database.db, floor, 500);
      const fresh = rows.filter((r) => !seen.has(r.id));
      for (const r of fresh) {
        seen.add(r.id);
        gaps.delete(r.id);
      }
      if (fresh.length) for (const fn of subscribers) fn(fresh);
      const top = Math.max(floor, ...seen);
      advance(top);
      if (rows.length < 500) return;
    }
  };

  const poll = (): Promise<void> => {
    if (polling) {
      again = true;
      return polling;
    }
    polling = (async () => {
      do {
        again = false;
        try {
          await readNew();
        } catch (err) {
          log.error({ err }, 'live events read failed');
        }
      } while (again && !closed);
    })().finally(() => {
      polling = null;
    });
    return polling;
  };

  const start = () => {
    started ??= (async () => {
      unlisten = await database.listen(EVENTS_CHANNEL, () => void poll());
      // start just below the newest ids, treating them as seen, so late commits among them count
      const [r] = await queryRows<{ max: string | null }>(
        database.db,
        sql`SELECT max(id) AS max FROM events`,
      );
      const top = Number(r?.max ?? 0);
      floor = Math.max(0, top - 200);
      for (const row of await eventsAfter(database.db, floor, 1000)) seen.add(row.id);
      advance(top);
    })();
    return started;
  };

  return {
    /** Starts listening (once) and adds a subscriber; returns its unsubscribe. */
    async subscribe(fn: (batch: LiveRow[]) => void, close: () => void) {
      subscribers.add(fn);
      closers.add(close);
      await start();
      return () => {
        subscribers.delete(fn);
        closers.delete(close);
      };
    },
    /** Re-reads now (tests, and the worker's own wake-ups). */
    poll,
    async close() {
      closed = true;
      if (regap) clearTimeout(regap);
      for (const c of closers) c();
      subscribers.clear();
      closers.clear();
      await polling;
      await unlisten?.().catch(() => {});
    },
  };
}
export type Hub = ReturnType<typeof createHub>;

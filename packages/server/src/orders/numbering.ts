import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { queryRows } from '../db/connect.ts';

/** YYYYMMDD of an instant in the store's time zone: order numbers follow the store's day. */
// a formatter costs far more to build than to use: one per time zone, kept
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string) => {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
};

export function localDay(at: Date, timeZone: string): string {
  const p = dayFormat(timeZone).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/**
 * Next human-readable number, `A-20261122-0042`. Taken in its own statement before the order's
 * transaction, so the counter row is locked for one statement only (a hot store stays fast) — a
 * rolled-back order leaves a gap, never a duplicate.
 */
export async function nextOrderNumber(
  db: Db,
  store: { id: string; code: string; timezone: string },
  at: Date,
): Promise<string> {
  const day = localDay(at, store.timezone);
  const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
  const [row] = await queryRows<{ last: number }>(
    db,
    sql`INSERT INTO order_number_counters (store_id, local_date, last) VALUES (${store.id}, ${date}, 1)
        ON CONFLICT (store_id, local_date) DO UPDATE SET last = order_number_counters.last + 1
        RETURNING last`,
  );
  return `${store.code}-${day}-${String(row!.last).padStart(4, '0')}`;
}

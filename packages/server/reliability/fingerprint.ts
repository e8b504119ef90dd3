import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../src/db/connect.ts';

/**
 * Bookkeeping that a refused request may legitimately write: sign-in throttling and sessions
 * (last seen), the audit trail of denials, idempotency claims released on failure.
 */
export const VOLATILE_TABLES = ['rate_limits', 'sessions', 'login_codes', 'idempotency_keys', 'audit_log'];
/** Columns a failed sign-in changes on purpose (lockout counting). */
const VOLATILE_COLUMNS: Record<string, string[]> = { users: ['failed_logins', 'locked_until'] };

export type Fingerprint = Record<string, { rows: number; checksum: string }>;

export async function tableNames(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ t: string }>(
    db,
    sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.t);
}

/**
 * Row count and an order-independent checksum of every row of every table (md5 of each row's JSON,
 * sorted, hashed again): two databases with the same fingerprint hold the same data.
 */
export async function fingerprint(
  db: DbOrTx,
  opts: { skip?: string[]; tables?: string[] } = {},
): Promise<Fingerprint> {
  const tables = (opts.tables ?? (await tableNames(db))).filter((t) => !opts.skip?.includes(t));
  const parts = tables.map((t) => {
    const drop = (opts.skip ? (VOLATILE_COLUMNS[t] ?? []) : []).map((c) => ` - '${c}'`).join('');
    return `SELECT '${t}' AS t, count(*)::int AS rows,
      coalesce(md5(string_agg(h, ',' ORDER BY h)), '') AS checksum
      FROM (SELECT md5((to_jsonb(x)${drop})::text) AS h FROM "${t}" x) s`;
  });
  if (!parts.length) return {};
  const rows = await queryRows<{ t: string; rows: number; checksum: string }>(
    db,
    sql.raw(parts.join('\nUNION ALL\n')),
  );
  return Object.fromEntries(rows.map((r) => [r.t, { rows: r.rows, checksum: r.checksum }]));
}

/** The tables whose fingerprint differs, with before and after. */
export function changedTables(before: Fingerprint, after: Fingerprint) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]))
    .map((t) => ({ table: t, before: before[t], after: after[t] }));
}

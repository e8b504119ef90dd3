import { routes } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.ts';
import { migrationStatus } from '../db/migrate.ts';
import { type Endpoint, endpoint } from '../http/register.ts';

export async function readiness(database: Database) {
  try {
    await database.db.execute(sql`SELECT 1`);
    const m = await migrationStatus(database);
    const ok = m.pending.length === 0;
    return {
      status: ok ? ('ready' as const) : ('not_ready' as const),
      database: { ok: true, driver: database.driver },
      migrations: { ok, applied: m.applied, expected: m.expected },
    };
  } catch (err) {
    return {
      status: 'not_ready' as const,
      database: { ok: false, driver: database.driver, error: (err as Error).message },
      migrations: { ok: false, applied: 0, expected: 0 },
    };
  }
}

export const systemEndpoints = (database: Database): Endpoint[] => [
  endpoint(routes.health, async () => ({ status: 'ok' as const })),
  endpoint(routes.ready, async (_ctx, _input, { reply }) => {
    const r = await readiness(database);
    if (r.status !== 'ready') reply.code(503);
    return r;
  }),
];

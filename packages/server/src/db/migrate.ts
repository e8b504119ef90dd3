import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './connect.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

type Journal = { entries: { idx: number; tag: string }[] };
const readJournal = (): Journal =>
  JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8')) as Journal;

// Same key in every process: concurrent start-ups wait for one another instead of racing.
const LOCK_KEY = 7_310_420_001;

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock.
 * Files are drizzle-kit output (`npm run db:generate`), committed to the repo; same SQL on both drivers.
 */
export async function migrate(
  database: Database,
  log: (msg: string) => void = () => {},
  /** Only the first `upTo` migrations (tests of a migration over existing data). */
  upTo?: number,
): Promise<number> {
  const { db } = database;
  // Transaction-scoped locks: a pool may hand lock and unlock to different connections.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  let applied = 0;
  const entries = readJournal().entries;
  for (const { tag } of entries.slice(0, upTo)) {
    const ran = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const done = await queryRows(tx, sql`SELECT 1 FROM schema_migrations WHERE version = ${tag}`);
      if (done.length) return false;
      const script = fs.readFileSync(path.join(migrationsDir, `${tag}.sql`), 'utf8');
      for (const statement of script.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO schema_migrations (version) VALUES (${tag})`);
      return true;
    });
    if (ran) {
      log(`applied migration ${tag}`);
      applied++;
    }
  }
  // every migration just ran on a brand-new PGlite database: keep it for the next new one
  if (applied === entries.length && database.keepAsTemplate) await database.keepAsTemplate();
  return applied;
}

export async function migrationStatus(
  database: Database,
): Promise<{ applied: number; expected: number; pending: string[] }> {
  const expected = readJournal().entries.map((e) => e.tag);
  const [exists] = await queryRows<{ t: string | null }>(
    database.db,
    sql`SELECT to_regclass('schema_migrations')::text AS t`,
  );
  const rows = exists?.t
    ? await queryRows<{ version: string }>(database.db, sql`SELECT version FROM schema_migrations`)
    : [];
  const done = new Set(rows.map((r) => r.version));
  return { applied: done.size, expected: expected.length, pending: expected.filter((t) => !done.has(t)) };
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database, queryRows } from '../src/db/connect.ts';
import { migrate, migrationsDir } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { seedOrders } from '../src/seed/orders.ts';
import { fingerprint, tableNames } from './fingerprint.ts';
import { freshPostgres, repoRoot } from './processes.ts';

// Backups round-trip to the byte of every row; migrations keep every row they find.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orderloop-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the real CLI, as an operator would. */
function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const seeded = async (database: Database) => {
  await seedDemo(database.db);
  await seedOrders(database.db, 300);
};

describe('backup and restore on PostgreSQL', () => {
  let source: Awaited<ReturnType<typeof freshPostgres>>;
  let target: Awaited<ReturnType<typeof freshPostgres>>;
  beforeAll(async () => {
    source = await freshPostgres();
    target = await freshPostgres({ migrate: false });
    cleanups.push(source.drop, target.drop);
    await seeded(source.database);
  }, 120_000);

  it('round-trips a seeded database with identical row counts and checksums in every table', async () => {
    const file = path.join(tmp, 'pg.dump');
    const before = await fingerprint(source.database.db);
    expect(before.orders!.rows).toBeGreaterThanOrEqual(300);
    const b = cli(['backup', file], { DATABASE_URL: source.url });
    expect(b.code, b.out).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    const r = cli(['restore', file], { DATABASE_URL: target.url });
    expect(r.code, r.out).toBe(0);
    expect(await fingerprint(target.database.db)).toEqual(before);
    // the restored database is current: the server's migrations find nothing to do
    expect(await migrate(target.database)).toBe(0);
  }, 120_000);

  it('refuses to restore over a database holding data unless forced', async () => {
    const file = path.join(tmp, 'pg.dump');
    const r = cli(['restore', file], { DATABASE_URL: target.url });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/not empty/);
    await target.database.db.execute(sql`DELETE FROM order_lines WHERE line_no = 1`);
    const forced = cli(['restore', file, '--force'], { DATABASE_URL: target.url });
    expect(forced.code, forced.out).toBe(0);
    expect(await fingerprint(target.database.db)).toEqual(await fingerprint(source.database.db));
  }, 120_000);
});

describe('backup and restore on PGlite', () => {
  it('round-trips a seeded data folder with identical row counts and checksums', async () => {
    const from = path.join(tmp, 'from');
    const to = path.join(tmp, 'to');
    const made = await connectDatabase({ dataDir: from });
    await migrate(made);
    await seedDemo(made.db);
    await seedOrders(made.db, 50);
    await made.close();
    const read = async (dir: string) => {
      const db = await connectDatabase({ dataDir: dir });
      try {
        return await fingerprint(db.db);
      } finally {
        await db.close();
      }
    };
    const before = await read(from);
    expect(before.orders!.rows).toBeGreaterThanOrEqual(50);
    const file = path.join(tmp, 'pglite.tar.gz');
    const b = cli(['backup', file], { DATA_DIR: from });
    expect(b.code, b.out).toBe(0);
    const r = cli(['restore', file], { DATA_DIR: to });
    expect(r.code, r.out).toBe(0);
    expect(await read(to)).toEqual(before);
    // over a folder holding data: refused, then with --force the old one is kept aside
    expect(cli(['restore', file], { DATA_DIR: to }).code).not.toBe(0);
    const forced = cli(['restore', file, '--force'], { DATA_DIR: to });
    expect(forced.code, forced.out).toBe(0);
    expect(fs.readdirSync(to).some((f) => f.startsWith('pglite.before-restore-'))).toBe(true);
    expect(await read(to)).toEqual(before);
  }, 180_000);
});

/** Every row of `from` into the same tables of `to`, for the columns `to` has (its schema may be older). */
async function copyRows(from: Database, to: Database, tables: string[]) {
  await to.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`); // no FK order to respect
    for (const t of tables) {
      if (t === 'schema_migrations') continue;
      const cols = await queryRows<{ c: string }>(
        tx,
        sql`SELECT column_name AS c FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = ${t} AND is_generated = 'NEVER'`,
      );
      const rows = await queryRows<{ j: unknown }>(from.db, sql.raw(`SELECT to_jsonb(x) AS j FROM "${t}" x`));
      if (!rows.length) continue;
      const list = cols.map((c) => `"${c.c}"`).join(', ');
      await tx.execute(
        sql`INSERT INTO ${sql.raw(`"${t}" (${list})`)} SELECT ${sql.raw(list)}
          FROM jsonb_populate_recordset(null::${sql.raw(`"${t}"`)}, ${JSON.stringify(rows.map((r) => r.j))}::jsonb)`,
      );
    }
  });
}

const idsOf = async (db: Database, t: string) => {
  const hasId = await queryRows(
    db.db,
    sql`SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${t} AND column_name = 'id'`,
  );
  if (!hasId.length) return null;
  const rows = await queryRows<{ id: string }>(db.db, sql.raw(`SELECT id::text FROM "${t}" ORDER BY 1`));
  return rows.map((r) => r.id);
};

describe('migrations over existing data', () => {
  const total = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8')).entries
    .length as number;
  let full: Awaited<ReturnType<typeof freshPostgres>>;
  beforeAll(async () => {
    full = await freshPostgres();
    cleanups.push(full.drop);
    await seeded(full.database);
  }, 120_000);

  // the last three migrations, each applied to a database holding the demo data
  it.each([total - 3, total - 2, total - 1].filter((n) => n > 0))(
    'applying migrations %i onwards to the demo data keeps every row',
    async (upTo) => {
      const old = await freshPostgres({ migrate: false });
      cleanups.push(old.drop);
      await migrate(old.database, () => {}, upTo);
      const present = await tableNames(old.database.db);
      await copyRows(full.database, old.database, present);
      const before = new Map<string, { rows: number; ids: string[] | null }>();
      const counts = await fingerprint(old.database.db, { tables: present });
      for (const t of present) before.set(t, { rows: counts[t]!.rows, ids: await idsOf(old.database, t) });
      expect(before.get('orders')!.rows).toBeGreaterThanOrEqual(300);
      expect(await migrate(old.database)).toBe(total - upTo);
      const after = await fingerprint(old.database.db, { tables: present });
      for (const t of present) {
        if (t === 'schema_migrations') continue;
        expect({ t, rows: after[t]!.rows }).toEqual({ t, rows: before.get(t)!.rows });
        expect(await idsOf(old.database, t)).toEqual(before.get(t)!.ids);
      }
    },
    120_000,
  );
});

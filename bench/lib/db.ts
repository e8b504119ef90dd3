import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connectDatabase, type Database, queryRows } from '../../packages/server/src/db/connect.ts';
import { migrate } from '../../packages/server/src/db/migrate.ts';
import { seedDemo } from '../../packages/server/src/seed/demo.ts';
import { seedOrders } from '../../packages/server/src/seed/orders.ts';

export const BENCH_SKUS = 1000;
export const HOT_CODE = 'BENCH-HOT';
export const HOT_STOCK = 100;

/** Creates the database named in the URL on its server when it is missing. */
export async function ensureDatabase(url: string) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * The schema, the demo businesses and the bench catalog: 1,000 SKUs with tracked (ample) stock in
 * every restaurant store, and one hot SKU; on PostgreSQL or on a PGlite data folder.
 */
export async function prepareBase(target: { url: string } | { dataDir: string }): Promise<Database> {
  if ('url' in target) await ensureDatabase(target.url);
  const database = await connectDatabase(target, 4);
  await migrate(database);
  await seedDemo(database.db);
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM skus WHERE code LIKE 'BENCH-%'`,
  );
  if (n < BENCH_SKUS + 1)
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`
        CREATE TEMP TABLE bench_items ON COMMIT DROP AS
        SELECT gen_random_uuid() AS product_id, gen_random_uuid() AS sku_id, b.id AS business_id,
               CASE WHEN i = 0 THEN ${HOT_CODE} ELSE 'BENCH-' || lpad(i::text, 4, '0') END AS code,
               1000 + (i * 37) % 9000 AS price, i
        FROM generate_series(0, ${BENCH_SKUS}) i, businesses b WHERE b.slug = 'demo-restaurant'`);
      await tx.execute(sql`
        INSERT INTO products (id, business_id, name, unit)
        SELECT product_id, business_id, '压测商品 ' || code, '份' FROM bench_items`);
      await tx.execute(sql`
        INSERT INTO skus (id, business_id, product_id, code, price)
        SELECT sku_id, business_id, product_id, code, price FROM bench_items`);
      await tx.execute(sql`
        INSERT INTO stock_levels (sku_id, store_id, tracked, on_hand, reserved)
        SELECT sku_id, s.id, true, CASE WHEN i = 0 THEN ${HOT_STOCK} ELSE 1000000000 END, 0
        FROM bench_items JOIN stores s ON s.business_id = bench_items.business_id`);
    });
  return database;
}

/** The tables the generator fills, whose secondary indexes and foreign keys are set aside meanwhile. */
const LOADED = ['orders', 'order_lines'];

/**
 * Drops the secondary indexes and foreign keys of the loaded tables, keeping their definitions in
 * `bench_set_aside` first, so that a run killed halfway puts them back on the next start. Building
 * an index once over sorted rows and checking a foreign key with one join cost a fraction of
 * maintaining them row by row (the trigram index above all). Bench databases only.
 */
async function setAside(database: Database) {
  await database.exec(
    `CREATE TABLE IF NOT EXISTS bench_set_aside (name text PRIMARY KEY, tbl text NOT NULL, ddl text NOT NULL)`,
  );
  const tables = LOADED.map((t) => `'${t}'::regclass`).join(', ');
  await database.exec(`
    INSERT INTO bench_set_aside (name, tbl, ddl)
    SELECT c.relname, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid IN (${tables}) AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    UNION ALL
    SELECT k.conname, k.conrelid::regclass::text,
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
    FROM pg_constraint k WHERE k.conrelid IN (${tables}) AND k.contype = 'f'
    ON CONFLICT DO NOTHING`);
  const rows = await queryRows<{ name: string; tbl: string; ddl: string }>(
    database.db,
    sql`SELECT name, tbl, ddl FROM bench_set_aside`,
  );
  for (const r of rows)
    await database.exec(
      r.ddl.startsWith('ALTER')
        ? `ALTER TABLE ${r.tbl} DROP CONSTRAINT IF EXISTS "${r.name}"`
        : `DROP INDEX IF EXISTS "${r.name}"`,
    );
}

/** Recreates what setAside dropped (foreign keys last: they are checked against the indexes). */
async function putBack(database: Database, log: (m: string) => void) {
  const rows = await queryRows<{ name: string; ddl: string }>(
    database.db,
    sql`SELECT name, ddl FROM bench_set_aside ORDER BY ddl LIKE 'ALTER%', name`,
  ).catch(() => []);
  for (const r of rows) {
    const t = performance.now();
    // one statement per build, with room to sort in memory
    await database.exec(
      `BEGIN; SET LOCAL maintenance_work_mem = '256MB'; ${r.ddl}; DELETE FROM bench_set_aside WHERE name = '${r.name}'; COMMIT`,
    );
    log(`  rebuilt ${r.name} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** Grows the database to at least `wanted` orders with the seed generator (reused when present). */
export async function ensureOrders(database: Database, wanted: number, log: (m: string) => void) {
  await putBack(database, log); // after a run that was stopped while loading
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM orders`,
  );
  if (n >= wanted) return n;
  const t = performance.now();
  log(`generating ${wanted - n} orders (have ${n})`);
  await setAside(database);
  const total = await seedOrders(database.db, wanted - n, log);
  await putBack(database, log);
  // what autovacuum would do soon after a bulk load: statistics, and the visibility map that
  // lets the list's line count and product filter read their indexes alone
  await database.exec('VACUUM (ANALYZE) orders, order_lines');
  log(`generated in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return total;
}

export type BenchCatalog = { storeId: string; skuIds: string[]; hotSkuId: string };

/** Store A of the restaurant and the bench SKUs. */
export async function benchCatalog(database: Database): Promise<BenchCatalog> {
  const rows = await queryRows<{ id: string; code: string; store_id: string }>(
    database.db,
    sql`SELECT k.id, k.code, (SELECT s.id FROM stores s WHERE s.business_id = k.business_id AND s.code = 'A') AS store_id
        FROM skus k WHERE k.code LIKE 'BENCH-%' ORDER BY k.code`,
  );
  const hot = rows.find((r) => r.code === HOT_CODE)!;
  return {
    storeId: hot.store_id,
    hotSkuId: hot.id,
    skuIds: rows.filter((r) => r !== hot).map((r) => r.id),
  };
}

/** Puts the hot SKU back to 100 available in store A (earlier reservations are dropped). */
export async function resetHot(database: Database, cat: BenchCatalog) {
  await database.db.execute(
    sql`UPDATE stock_levels SET on_hand = ${HOT_STOCK}, reserved = 0 WHERE sku_id = ${cat.hotSkuId} AND store_id = ${cat.storeId}`,
  );
}

/** The benchmark database URL: BENCH_DATABASE_URL or the local server's `ol_bench`. */
export const benchDbUrl = () =>
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ol_bench';

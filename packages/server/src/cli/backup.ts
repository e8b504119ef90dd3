import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Config } from '../config.ts';

// `orderloop backup <file>` / `orderloop restore <file>`: the whole database in one file.
// PostgreSQL: pg_dump's custom format (pg_restore reads it back); PGlite: its data folder as a
// gzipped tarball (dumpDataDir / loadDataDir). Take a backup with the server running (pg_dump reads
// one consistent snapshot); restore with the server stopped.

const pgliteDir = (config: Config) => path.join(config.dataDir, 'pglite');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      `${cmd} was not found: install the PostgreSQL client tools (e.g. apt-get install postgresql-client)`,
    );
  if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stderr}`);
}

/**
 * PGlite's dump and load wait on work that holds no handle of Node's event loop: without one of our
 * own the process would end (exit code 0!) before the file is written.
 */
async function keepingAlive<T>(work: () => Promise<T>): Promise<T> {
  const handle = setInterval(() => {}, 1000);
  try {
    return await work();
  } finally {
    clearInterval(handle);
  }
}

export async function backup(config: Config, file: string): Promise<string> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (config.databaseUrl) {
    run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${target}`,
      config.databaseUrl,
    ]);
    return `PostgreSQL database written to ${target}`;
  }
  if (!fs.existsSync(pgliteDir(config))) throw new Error(`no database at ${pgliteDir(config)}`);
  await keepingAlive(async () => {
    const db = new PGlite(pgliteDir(config), { extensions: { pg_trgm } });
    try {
      await db.waitReady; // a dump asked for before the database is up never settles
      const dump = await db.dumpDataDir('gzip');
      fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  });
  return `PGlite database (${pgliteDir(config)}) written to ${target}`;
}

async function postgresHasTables(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return (r.rows[0] as { n: number }).n > 0;
  } finally {
    await c.end();
  }
}

/** Restores into an empty database; with `force`, over an existing one (PGlite's is kept aside). */
export async function restore(config: Config, file: string, force = false): Promise<string> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`no backup file at ${source}`);
  if (config.databaseUrl) {
    if (!force && (await postgresHasTables(config.databaseUrl)))
      throw new Error('the database is not empty; restore with --force to replace what it holds');
    run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      source,
    ]);
    return `PostgreSQL database restored from ${source}`;
  }
  const dir = pgliteDir(config);
  let kept = '';
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) {
    if (!force) throw new Error(`${dir} is not empty; restore with --force (it is kept aside, not deleted)`);
    kept = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dir, kept);
  }
  fs.mkdirSync(dir, { recursive: true });
  const data = fs.readFileSync(source);
  await keepingAlive(async () => {
    const db = new PGlite(dir, { extensions: { pg_trgm }, loadDataDir: new Blob([data]) });
    await db.waitReady;
    await db.query('SELECT 1');
    await db.close();
  });
  return `PGlite database restored from ${source} into ${dir}${kept ? ` (the previous one is at ${kept})` : ''}`;
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A migrated, empty PGlite database kept once per machine, so a new data folder (or a test's
 * in-memory database) starts from a copy instead of running initdb and every migration — what
 * `CREATE DATABASE … TEMPLATE` is on a PostgreSQL server. Named after the PGlite version and the
 * migrations' contents, so any change to either makes and uses a new one. PGLITE_TEMPLATE=off
 * skips it (to measure a first start).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.resolve(here, '../../migrations');
const cacheDir = path.resolve(here, '../../../../node_modules/.cache/orderloop');

let key: string | null = null;
function templateKey(): string {
  if (key) return key;
  const hash = createHash('sha256');
  // its package.json is not among the package's exports, so read it from where npm put it
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  hash.update(fs.readFileSync(path.join(dir, 'package.json')));
  for (const f of fs
    .readdirSync(migrationsDir)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    hash.update(f).update(fs.readFileSync(path.join(migrationsDir, f)));
  key = hash.digest('hex').slice(0, 16);
  return key;
}

const enabled = () => process.env.PGLITE_TEMPLATE !== 'off';
const fileOf = () => path.join(cacheDir, `pglite-template-${templateKey()}.tar.gz`);

/** The template for the current migrations, when one was kept. */
export function readTemplate(): Blob | undefined {
  if (!enabled()) return undefined;
  try {
    return new Blob([fs.readFileSync(fileOf())]);
  } catch {
    return undefined;
  }
}

/** Keeps a freshly migrated, still empty database as the template; best effort, never fails a start. */
export async function saveTemplate(client: PGlite): Promise<void> {
  if (!enabled()) return;
  try {
    const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    fs.mkdirSync(cacheDir, { recursive: true });
    const file = fileOf();
    // written aside and renamed, so parallel test workers never read half a file
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, dump);
    fs.renameSync(tmp, file);
    for (const old of fs.readdirSync(cacheDir))
      if (old.startsWith('pglite-template-') && path.join(cacheDir, old) !== file && !old.endsWith('.tmp'))
        fs.rmSync(path.join(cacheDir, old), { force: true });
  } catch {
    // a read-only install only loses the speed-up
  }
}

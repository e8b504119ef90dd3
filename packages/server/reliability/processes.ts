import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, routes } from '@orderloop/contract';
import pg from 'pg';
import { connectDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_URL =
  process.env.RELIABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withAdmin = async (fn: (c: pg.Client) => Promise<void>) => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
};

/** A new (by default migrated) PostgreSQL database of this test file's own; `drop` removes it. */
export async function freshPostgres(opts: { migrate?: boolean } = {}): Promise<{
  url: string;
  database: Database;
  drop: () => Promise<void>;
}> {
  const name = `ol_rel_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`).then(() => {}));
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await connectDatabase({ url }, 10);
  if (opts.migrate !== false) await migrate(database);
  return {
    url,
    database,
    drop: async () => {
      await database.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}));
    },
  };
}

// start-up compiles TypeScript on the fly: on a loaded 2-core machine that can take a while
const STARTUP_MS = 120_000;

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export type Proc = {
  name: string;
  child: ChildProcess;
  /** The API's base URL (for `start`). */
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown hook runs, open transactions are cut. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Runs `orderloop start` or `orderloop worker` as a real child process (tsx, as `npm start` does)
 * and, for `start`, waits until /readyz answers.
 */
export async function spawnOrderloop(
  command: 'start' | 'worker',
  env: Record<string, string>,
  name: string = command,
): Promise<Proc> {
  const port = command === 'start' ? await freePort() : 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderloop-rel-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', command], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      // the worker says it runs at info level; the API's readiness is its /readyz
      LOG_LEVEL: process.env.RELIABILITY_LOG_LEVEL ?? (command === 'worker' ? 'info' : 'warn'),
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      WORKER_IN_PROCESS: 'false',
      LOGIN_IP_LIMIT: '100000',
      LOGIN_ACCOUNT_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const proc: Proc = {
    name,
    child,
    url,
    output: () => out,
    exited,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (command === 'start') await waitReady(proc);
  else await waitFor(() => out.includes('worker running'), `${name} to run`, STARTUP_MS, proc);
  return proc;
}

async function waitReady(p: Proc) {
  await waitFor(
    async () => {
      try {
        return (await fetch(`${p.url}/readyz`)).ok;
      } catch {
        return false;
      }
    },
    `${p.name} to be ready`,
    STARTUP_MS,
    p,
  );
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
  proc?: Proc,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    if (Date.now() - start > ms)
      throw new Error(`timed out waiting for ${what}${proc ? `\n${proc.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function loginAt(url: string, username: string, password: string) {
  const anon = createClient({ baseUrl: url });
  const { token } = await anon.call(routes.login, { body: { username, password, mode: 'token' } });
  return token!;
}

/** A raw JSON call (no client-side validation) answering status and body, never throwing on 4xx/5xx. */
export async function call(
  base: string,
  method: string,
  p: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${p}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {}
  return { status: res.status, json, contentType: res.headers.get('content-type') ?? '' };
}

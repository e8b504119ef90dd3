import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, routes } from '@orderloop/contract';

export type Server = {
  base: string;
  pid: number;
  /** Milliseconds from spawn to the first ready answer. */
  readyMs: number;
  /** CPU seconds the process had used by then (start-up's cost, whatever the neighbours' load). */
  cpuSeconds: number;
  stop: () => Promise<void>;
};

/**
 * A port nobody listens on now. A fixed port is not safe on a shared machine: another bench's server
 * on it would answer our ready check, and our load would go to its database.
 */
async function freePort(): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT) + portsTaken++;
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
let portsTaken = 0;

/**
 * A real `orderloop start` in its own process (NODE_ENV=production, through tsx as `npm start`
 * runs it), on PostgreSQL when `databaseUrl` is given, else on PGlite in `dataDir`.
 */
export async function startServer(opts: {
  databaseUrl?: string;
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<Server> {
  const port = await freePort();
  const t = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/server/src/cli.ts', 'start'],
    {
      env: {
        ...process.env,
        ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { DATABASE_URL: '' }),
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
        DATA_DIR: opts.dataDir,
        LOGIN_IP_LIMIT: '100000',
        LOGIN_ACCOUNT_LIMIT: '100000',
        ...opts.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = t + (opts.timeoutMs ?? 120_000);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  };
  while (performance.now() < deadline && !exited) {
    try {
      if ((await fetch(`${base}/readyz`)).ok)
        return {
          base,
          pid: child.pid!,
          readyMs: performance.now() - t,
          cpuSeconds: cpuSecondsOf(child.pid!),
          stop,
        };
    } catch {}
    await sleep(20);
  }
  await stop();
  throw new Error(`orderloop start did not become ready at ${base}`);
}

/** A bearer token of a demo user. */
export async function login(base: string, username = 'rest-admin'): Promise<string> {
  const { token } = await createClient({ baseUrl: base }).call(routes.login, {
    body: { username, password: 'orderloop-demo', mode: 'token' },
  });
  return token!;
}

/** Resident set of a process in MB. */
export const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Peak resident set of `pid`, sampled every 50 ms while `work` runs: [result, peak MB]. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 50);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, rssOf(pid));
  }
}

/**
 * CPU seconds (user + system) a process has used so far. On a shared, busy machine wall-clock
 * throughput swings with the neighbours' load; the CPU a server spends per order hardly does, so
 * the scenarios print it beside their throughput.
 */
export function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command (which may hold spaces) — utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, 100 a second on Linux
}

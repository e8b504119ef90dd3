// Order export on PostgreSQL, through the API of a server running in its own process: one row per
// order line as CSV (streamed straight to the client) and as XLSX (a background job), with rows/s,
// the server's peak RSS while exporting, and the ratio to `COPY (…) TO STDOUT` of the same rows.
// Prints figures; asserts nothing.
//
// Usage: BENCH_ORDERS=20000 npx tsx bench/order-export.ts
//   BENCH_DATABASE_URL  server to use (default postgres://postgres@127.0.0.1:5432/postgres); the
//                       bench works in its own database `ol_bench_export` on it, seeded once with
//                       the demo businesses and BENCH_ORDERS orders (1–4 lines each), grown if short
//   BENCH_USER          who exports (default rest-admin: the restaurant business, all stores)
//   BENCH_RUNS          times each export runs (default 2; the first also warms the JIT up)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, routes } from '@orderloop/contract';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { connectDatabase, queryRows } from '../packages/server/src/db/connect.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { seedDemo } from '../packages/server/src/seed/demo.ts';
import { seedOrders } from '../packages/server/src/seed/orders.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const wanted = Number(process.env.BENCH_ORDERS ?? 20_000);
const user = process.env.BENCH_USER ?? 'rest-admin';
const port = Number(process.env.BENCH_PORT ?? 3917);
const runs = Number(process.env.BENCH_RUNS ?? 2);
const DB = 'ol_bench_export';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const COLUMNS = [
  'number',
  'store',
  'createdAt',
  'state',
  'customer',
  'paymentStatus',
  'skuCode',
  'product',
  'quantity',
  'unitPrice',
  'lineTotal',
  'total',
];

async function prepare() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const database = await connectDatabase({ url: dbUrl }, 4);
  await migrate(database);
  await seedDemo(database.db);
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    (await import('drizzle-orm')).sql`SELECT count(*)::int AS n FROM orders`,
  );
  if (n < wanted) await seedOrders(database.db, wanted - n, (m) => console.log(`  seed: ${m}`));
  await database.close();
}

/** The server's resident set, sampled every 50 ms while `work` runs: [result, peak MB]. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssOf(pid));
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
    sample();
  }
}

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      'packages/server/src/cli.ts',
      'start',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATA_DIR: fs.mkdtempSync('/tmp/ol-bench-export-'),
        EXPORT_DIRECT_MAX: '100000000',
        LOGIN_IP_LIMIT: '1000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {}
    await sleep(100);
  }
  child.kill();
  throw new Error('server did not start');
}

/** COPY of the same rows the export writes, as CSV, into nothing: the database's own ceiling. */
async function copyBaseline(businessSlug: string): Promise<{ rows: number; ms: number; bytes: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const t = performance.now();
  let bytes = 0;
  let lines = 0;
  const stream = client.query(
    copyTo(`COPY (
      SELECT o.number, s.name, to_char(o.created_at AT TIME ZONE s.timezone, 'YYYY-MM-DD HH24:MI:SS'), o.state,
             c.name, o.payment_status, l.sku_code, l.product_name, l.quantity, l.unit_price / 100.0,
             l.total / 100.0, o.total / 100.0
      FROM orders o JOIN stores s ON s.id = o.store_id LEFT JOIN customers c ON c.id = o.customer_id
      JOIN order_lines l ON l.order_id = o.id
      WHERE o.business_id = (SELECT id FROM businesses WHERE slug = '${businessSlug}')
      ORDER BY o.created_at DESC, o.id DESC, l.line_no
    ) TO STDOUT WITH (FORMAT csv, HEADER true)`),
  );
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    lines += countLines(chunk);
  }
  const ms = performance.now() - t;
  await client.end();
  return { rows: lines - 1, ms, bytes };
}

function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

const fmt = (rows: number, ms: number) =>
  `${String(rows).padStart(9)} rows ${(ms / 1000).toFixed(2).padStart(7)} s ${Math.round(rows / (ms / 1000))
    .toString()
    .padStart(8)} rows/s`;

console.log(
  `order export bench: ${wanted} orders on ${dbUrl.replace(/\/\/[^@]*@/, '//')}, user ${user}, ` +
    `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`,
);
await prepare();
const server = await startServer();
try {
  const base = `http://127.0.0.1:${port}`;
  const { token } = await createClient({ baseUrl: base }).call(routes.login, {
    body: { username: user, password: 'orderloop-demo', mode: 'token' },
  });
  const api = createClient({ baseUrl: base, token: () => token });
  const slug = user.startsWith('fact-') ? 'demo-factory' : 'demo-restaurant';
  const pid = server.pid!;
  console.log(`server (NODE_ENV=production, via tsx) idle RSS ${rssOf(pid).toFixed(0)} MB`);
  const qs = new URLSearchParams({ format: 'csv', granularity: 'lines', columns: COLUMNS.join(',') });

  for (let run = 1; run <= runs; run++) {
    console.log(`— run ${run} of ${runs}`);
    const copy = await copyBaseline(slug);
    console.log(`COPY … TO STDOUT (csv)   ${fmt(copy.rows, copy.ms)}  ${(copy.bytes / 1e6).toFixed(1)} MB`);

    // CSV: streamed through the direct route, the body read as it arrives
    const [csv, csvPeak] = await withPeakRss(pid, async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/orders/export?${qs}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`CSV export answered ${res.status}: ${await res.text()}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        lines += countLines(chunk);
      }
      return { rows: lines - 1, ms: performance.now() - t, bytes };
    });
    console.log(
      `CSV via API (direct)     ${fmt(csv.rows, csv.ms)}  ${(csv.bytes / 1e6).toFixed(1)} MB  ` +
        `peak RSS ${csvPeak.toFixed(0)} MB  ${(csv.ms / copy.ms).toFixed(1)}× COPY`,
    );

    // XLSX: a background job, off the request path; timed from POST to done
    const [xlsx, xlsxPeak] = await withPeakRss(pid, async () => {
      const t = performance.now();
      const job = await api.call(routes.createOrderExport, {
        body: { format: 'xlsx', granularity: 'lines', columns: COLUMNS as never },
      });
      for (;;) {
        const j = await api.call(routes.getOrderExport, { params: { id: job.id } });
        if (j.status === 'done') return { rows: j.rowCount ?? 0, ms: performance.now() - t };
        if (j.status === 'failed') throw new Error(`XLSX job failed: ${j.error}`);
        await sleep(100);
      }
    });
    console.log(
      `XLSX via API (job)       ${fmt(xlsx.rows, xlsx.ms)}  peak RSS ${xlsxPeak.toFixed(0)} MB  ` +
        `${(xlsx.ms / copy.ms).toFixed(1)}× COPY`,
    );
    console.log(`rows agree with COPY: ${csv.rows === copy.rows && xlsx.rows === copy.rows ? 'yes' : 'NO'}`);
  }
} finally {
  server.kill('SIGTERM');
}

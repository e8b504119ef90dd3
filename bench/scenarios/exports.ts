import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, routes } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { queryRows } from '../../packages/server/src/db/connect.ts';
import { cpuMsOf } from '../lib/cpu.ts';
import { ensureOrders, prepareBase } from '../lib/db.ts';
import { rssOf, withPeakRss } from '../lib/server.ts';
import type { Scenario } from '../lib/types.ts';
import { onPostgres, stopAll } from './shared.ts';

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

/** A goal for 1,000,000 rows, scaled to the rows exported (--quick), to 2 decimals. */
const scaled = (seconds: number, rows: number) => Math.round(seconds * (rows / 1_000_000) * 100) / 100;

const countLines = (chunk: Uint8Array) => {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
};

/** COPY of the same rows as CSV, read to the end: what the database alone takes. */
async function copyBaseline(dbUrl: string, from: Date) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const t = performance.now();
  let lines = 0;
  const stream = client.query(
    copyTo(`COPY (
      SELECT o.number, s.name, to_char(o.created_at AT TIME ZONE s.timezone, 'YYYY-MM-DD HH24:MI:SS'), o.state,
             c.name, o.payment_status, l.sku_code, l.product_name, l.quantity, l.unit_price / 100.0,
             l.total / 100.0, o.total / 100.0
      FROM orders o JOIN stores s ON s.id = o.store_id LEFT JOIN customers c ON c.id = o.customer_id
      JOIN order_lines l ON l.order_id = o.id
      WHERE o.business_id = (SELECT id FROM businesses WHERE slug = 'demo-restaurant') AND o.created_at >= '${from.toISOString()}'
      ORDER BY o.created_at DESC, o.id DESC, l.line_no
    ) TO STDOUT WITH (FORMAT csv, HEADER true)`),
  );
  for await (const chunk of stream as AsyncIterable<Buffer>) lines += countLines(chunk);
  const ms = performance.now() - t;
  await client.end();
  return { rows: lines - 1, seconds: ms / 1000 };
}

/**
 * CSV (streamed by the direct route) and XLSX (a background job, timed from POST to done) of
 * 1,000,000 order lines of the restaurant (the newest orders holding that many lines), with the
 * server's peak RSS, against COPY … TO STDOUT of the same rows.
 */
export const exportsScenario: Scenario = {
  name: 'exports',
  async prepare(env) {
    const database = await prepareBase({ url: env.dbUrl });
    try {
      await ensureOrders(database, env.quick ? 50_000 : 1_000_000, env.log);
    } finally {
      await database.close();
    }
  },
  async run(env) {
    const wanted = env.quick ? 50_000 : 1_000_000;
    const r = await onPostgres(env, { EXPORT_DIRECT_MAX: '100000000' });
    try {
      // the oldest creation time that still leaves `wanted` lines in the export
      const [cut] = await queryRows<{ at: Date }>(
        r.database.db,
        sql`SELECT o.created_at AS at FROM orders o JOIN order_lines l ON l.order_id = o.id
            WHERE o.business_id = (SELECT id FROM businesses WHERE slug = 'demo-restaurant')
            ORDER BY o.created_at DESC OFFSET ${wanted - 1} LIMIT 1`,
      );
      const from = new Date(cut!.at);
      const idleRss = rssOf(r.server.pid);
      const copy = await copyBaseline(env.dbUrl, from);
      env.log(`  COPY: ${copy.rows} rows in ${copy.seconds.toFixed(2)} s`);
      const base = r.server.base;
      const qs = new URLSearchParams({
        format: 'csv',
        granularity: 'lines',
        columns: COLUMNS.join(','),
        createdFrom: from.toISOString(),
      });
      const csvCpu0 = cpuMsOf(r.server.pid);
      const [csv, csvPeak] = await withPeakRss(r.server.pid, async () => {
        const t = performance.now();
        const res = await fetch(`${base}/api/orders/export?${qs}`, {
          headers: { authorization: `Bearer ${r.token}` },
        });
        if (!res.ok) throw new Error(`CSV export answered ${res.status}: ${await res.text()}`);
        let lines = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
          lines += countLines(chunk);
        return { rows: lines - 1, seconds: (performance.now() - t) / 1000 };
      });
      const csvCpu = (cpuMsOf(r.server.pid) - csvCpu0) / 1000;
      env.log(
        `  CSV: ${csv.rows} rows in ${csv.seconds.toFixed(2)} s (server CPU ${csvCpu.toFixed(1)} s), peak RSS ${csvPeak.toFixed(0)} MB`,
      );

      const api = createClient({ baseUrl: base, token: () => r.token });
      const [xlsx, xlsxPeak] = await withPeakRss(r.server.pid, async () => {
        const t = performance.now();
        const job = await api.call(routes.createOrderExport, {
          body: {
            format: 'xlsx',
            granularity: 'lines',
            columns: COLUMNS as never,
            filter: { createdFrom: from.toISOString() },
          },
        });
        for (;;) {
          const j = await api.call(routes.getOrderExport, { params: { id: job.id } });
          if (j.status === 'done') return { rows: j.rowCount ?? 0, seconds: (performance.now() - t) / 1000 };
          if (j.status === 'failed') throw new Error(`XLSX job failed: ${j.error}`);
          await sleep(200);
        }
      });
      env.log(
        `  XLSX: ${xlsx.rows} rows in ${xlsx.seconds.toFixed(2)} s, peak RSS ${xlsxPeak.toFixed(0)} MB`,
      );
      const agree = csv.rows === copy.rows && xlsx.rows === copy.rows;
      const conditions = `${copy.rows} order lines, ${COLUMNS.length} columns, PostgreSQL${agree ? '' : ' — ROW COUNTS DIFFER'}`;
      return [
        {
          name: 'CSV time',
          value: csv.seconds,
          unit: 's',
          goal: { op: '<=', value: scaled(10, copy.rows) },
          conditions,
          note: `CSV is ${(csv.seconds / copy.seconds).toFixed(1)}× COPY (${copy.seconds.toFixed(2)} s); ${Math.round(csv.rows / csv.seconds)} rows/s`,
        },
        { name: 'CSV × COPY', value: csv.seconds / copy.seconds, unit: '×', conditions },
        {
          name: 'CSV server CPU',
          value: csvCpu,
          unit: 's',
          conditions,
          note: 'CPU the server spent on the CSV: unlike the wall time, it does not swing with the rest of the machine’s load',
        },
        {
          name: 'CSV peak RSS',
          value: csvPeak,
          unit: 'MB',
          goal: { op: '<=', value: 250 },
          conditions,
          note: `the server's RSS before exporting: ${idleRss.toFixed(0)} MB (node + tsx + the whole app)`,
        },
        { name: 'server RSS before', value: idleRss, unit: 'MB', conditions },
        {
          name: 'XLSX time (job)',
          value: xlsx.seconds,
          unit: 's',
          goal: { op: '<=', value: scaled(40, copy.rows) },
          conditions,
        },
        { name: 'XLSX × COPY', value: xlsx.seconds / copy.seconds, unit: '×', conditions },
        { name: 'XLSX peak RSS', value: xlsxPeak, unit: 'MB', conditions },
        {
          name: 'rows agree with COPY',
          value: agree ? 1 : 0,
          unit: 'bool',
          goal: { op: '=', value: 1 },
          conditions,
        },
      ];
    } finally {
      await stopAll(r);
    }
  },
};

// Reports on a large PostgreSQL database: full rebuild of the rollups, incremental refresh after new
// and changed orders, and the latency (p50/p95) of every report endpoint through the real API.
// Prints figures; asserts nothing.
//
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ol_reports node --import tsx bench/reports.ts
//   (a database seeded with `npm run seed -- --orders 1000000`; the bench adds BENCH_NEW orders to it)
//   BENCH_REBUILD=0   skip the full rebuild
//   BENCH_NEW         orders to place through the API before the incremental refresh (default 200)
//   BENCH_RUNS        requests per endpoint and user (default 20)
import { createClient, routes } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { products, skus } from '../packages/server/src/db/catalog-schema.ts';
import { connectDatabase, queryRows } from '../packages/server/src/db/connect.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { stores } from '../packages/server/src/db/schema.ts';
import { systemClock } from '../packages/server/src/lib/clock.ts';
import { rebuildReports, refreshReports } from '../packages/server/src/reports/refresh.ts';
import { DEMO_PASSWORD } from '../packages/server/src/seed/demo-data.ts';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ol_reports';
const fresh = Number(process.env.BENCH_NEW ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 20);

const database = await connectDatabase({ url }, 10);
await migrate(database);
const db = database.db;
const deps = { db, clock: systemClock };
const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(
  db,
  sql`SELECT count(*)::int AS n FROM orders`,
);
console.log(`database: ${total.toLocaleString('en')} orders`);

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
if (process.env.BENCH_REBUILD !== '0') {
  const r = await rebuildReports(deps);
  console.log(
    `full rebuild:                  ${secs(r.ms)} (${r.orders.toLocaleString('en')} orders in the rollups)`,
  );
}
const rows = await queryRows<{ t: string; n: number }>(
  db,
  sql`SELECT 'order' AS t, count(*)::int AS n FROM report_order_daily UNION ALL
      SELECT 'line', count(*)::int FROM report_line_daily UNION ALL
      SELECT 'state_time', count(*)::int FROM report_state_time_daily`,
);
console.log(`rollup rows: ${rows.map((r) => `${r.t} ${r.n.toLocaleString('en')}`).join(', ')}`);
await refreshReports(deps); // settle anything already pending

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  LOGIN_IP_LIMIT: '100000',
});
const app = await buildApp({ config, database, clock: systemClock });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
async function login(username: string) {
  const anon = createClient({ baseUrl: base });
  const { token } = await anon.call(routes.login, {
    body: { username, password: DEMO_PASSWORD, mode: 'token' },
  });
  return createClient({ baseUrl: base, token: () => token });
}

// incremental: new orders through the API (their events), half of them accepted
const staff = await login('rest-staff');
const [store] = await db.select().from(stores).where(eq(stores.code, 'A'));
const plain = await db
  .select({ id: skus.id })
  .from(skus)
  .innerJoin(products, eq(products.id, skus.productId))
  .where(
    and(
      eq(skus.businessId, store!.businessId),
      sql`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${products.optionGroups}) g WHERE (g->>'required')::boolean AND NOT coalesce((g->>'variant')::boolean, false))`,
    ),
  )
  .limit(3);
let placed = 0;
for (let i = 0; i < fresh; i++) {
  const o = await staff.call(routes.createOrder, {
    body: {
      storeId: store!.id,
      fulfilment: 'pickup',
      lines: [{ skuId: plain[i % plain.length]!.id, quantity: 1 + (i % 3) }],
    } as never,
  });
  if (i % 2)
    await staff.call(routes.transitionOrder, { params: { id: o.id }, body: { action: 'accept' } as never });
  placed++;
}
let t0 = performance.now();
const inc = await refreshReports(deps);
console.log(
  `incremental refresh:           ${secs(performance.now() - t0)} after ${placed} new orders (${JSON.stringify(inc)})`,
);
t0 = performance.now();
const idle = await refreshReports(deps);
console.log(`idle refresh (nothing new):    ${secs(performance.now() - t0)} (${idle.status})`);

// endpoint latency
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
type Call = [string, (c: ReturnType<typeof createClient>) => Promise<unknown>];
const calls = (from: string, granularity: 'day' | 'week' | 'month'): Call[] => [
  ['overview', (c) => c.call(routes.reportOverview, { query: { from, to: today, granularity } })],
  ...(['store', 'channel', 'rep', 'product', 'category'] as const).map(
    (dimension): Call => [
      `breakdown ${dimension}`,
      (c) => c.call(routes.reportBreakdown, { query: { from, to: today, dimension } }),
    ],
  ),
  ['flow', (c) => c.call(routes.reportFlow, { query: { from, to: today } })],
  [
    'export product xlsx',
    (c) =>
      c.call(routes.exportReport, {
        query: { from, to: today, granularity, report: 'product', format: 'xlsx' },
      }),
  ],
];
for (const username of ['rest-boss', 'rest-manager']) {
  const c = await login(username);
  for (const [label, from, g] of [
    ['30 days', daysAgo(29), 'day'],
    ['365 days', daysAgo(364), 'month'],
  ] as const) {
    console.log(`\n${username} (${username === 'rest-boss' ? 'all stores' : 'one store'}), ${label}:`);
    for (const [name, run] of calls(from, g)) {
      await run(c); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await run(c);
        times.push(performance.now() - s);
      }
      console.log(
        `  ${name.padEnd(22)} p50 ${pct(times, 0.5).toFixed(1).padStart(7)} ms   p95 ${pct(times, 0.95).toFixed(1).padStart(7)} ms`,
      );
    }
  }
}
await app.close();
await database.close();

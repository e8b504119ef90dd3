// Query plans and timings of the exceptions view on a large PostgreSQL database: seeds N generated
// orders (half a year of them; every open one given a due time, i.e. a worst-case backlog), then
// EXPLAIN ANALYZE of the page and count queries for a business-wide and a store-scoped reader.
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ol_bench npx tsx bench/exceptions-plan.ts [orders]
import { sql } from 'drizzle-orm';
import type { Scope } from '../packages/server/src/access/access.ts';
import { connectDatabase, queryRows } from '../packages/server/src/db/connect.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { businessDefinitions, unionOf } from '../packages/server/src/exceptions/sources.ts';
import { seedDemo } from '../packages/server/src/seed/demo.ts';
import { seedOrders } from '../packages/server/src/seed/orders.ts';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required (a database this script may fill)');
const count = Number(process.argv[2] ?? 200_000);
const database = await connectDatabase({ url });
const db = database.db;
await migrate(database);
const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orders`);
if (n < count) {
  await seedDemo(db);
  await seedOrders(db, count - n, console.log);
}
// every open order gets the due time of its state's SLA, as the engine would have set it
await db.execute(sql`UPDATE orders SET due_at = state_entered_at + interval '30 minutes'
  WHERE state NOT IN ('completed', 'cancelled', 'rejected', 'closed', 'draft') AND due_at IS NULL`);
await db.execute(sql`ANALYZE`);
const [biz] = await queryRows<{ id: string }>(
  db,
  sql`SELECT id FROM businesses WHERE slug = 'demo-restaurant'`,
);
const [store] = await queryRows<{ id: string }>(
  db,
  sql`SELECT id FROM stores WHERE business_id = ${biz!.id} LIMIT 1`,
);
const defs = (await businessDefinitions(db, biz!.id)).map((w) => w.definition);
const kinds = [
  'overdue',
  'rejected',
  'out_of_stock_at_submission',
  'payment_mismatch',
  'erp_push_failed',
  'notification_failed',
] as const;
const scopes: [string, Scope][] = [
  [
    'all',
    {
      actor: { userId: '00000000-0000-0000-0000-000000000000' } as never,
      permission: 'orders.read',
      all: true,
      storeIds: [],
      own: false,
    },
  ],
  [
    'store',
    {
      actor: { userId: '00000000-0000-0000-0000-000000000000' } as never,
      permission: 'orders.read',
      all: false,
      storeIds: [store!.id],
      own: false,
    },
  ],
];
for (const [label, scope] of scopes) {
  const union = unionOf({ businessId: biz!.id, scope, kinds: [...kinds], now: new Date(), defs })!;
  for (const [what, q] of [
    [
      'first page',
      sql`SELECT x.kind, x.source_id, x.since FROM (${union}) x ORDER BY x.since DESC, (x.kind || ':' || x.source_id::text) COLLATE "C" DESC LIMIT 51`,
    ],
    ['counts', sql`SELECT x.kind, count(*) FROM (${union}) x GROUP BY x.kind`],
  ] as const) {
    const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${q}`);
    console.log(`\n=== ${label} scope, ${what}`);
    for (const r of plan) console.log(r['QUERY PLAN']);
  }
}
await database.close();

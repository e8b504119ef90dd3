// Order-list latency on a large database: the console's filter/sort combinations, first page and a
// deep page (cursor after 20 pages), sequential runs. Prints figures; asserts nothing.
// Usage: BENCH_URL=http://127.0.0.1:3000 npx tsx bench/order-list.ts  (server seeded with `seed --orders N`)
import { createClient, routes } from '@orderloop/contract';

const base = process.env.BENCH_URL ?? 'http://127.0.0.1:3000';
const runs = Number(process.env.BENCH_RUNS ?? 15);

async function client(username: string) {
  const anon = createClient({ baseUrl: base });
  const { token } = await anon.call(routes.login, {
    body: { username, password: 'orderloop-demo', mode: 'token' },
  });
  return createClient({ baseUrl: base, token: () => token });
}

const combos: [string, Record<string, unknown>][] = [
  ['newest', {}],
  ['oldest', { sort: 'createdAt' }],
  ['by total desc', { sort: '-total' }],
  ['by number', { sort: 'number' }],
  ['state=submitted', { state: 'submitted' }],
  ['state=completed,cancelled', { state: 'completed,cancelled' }],
  ['channel=miniapp', { channel: 'miniapp' }],
  ['unpaid', { paymentStatus: 'unpaid' }],
  ['last 7 days', { createdFrom: new Date(Date.now() - 7 * 86_400_000).toISOString() }],
  ['total 1000–5000 yuan', { totalMin: 100_000, totalMax: 500_000, sort: '-total' }],
  ['tag=vip', { tag: 'vip' }],
  ['search "urgent"', { q: 'urgent' }],
  ['search phone digits', { q: '13900' }],
  ['fulfilment=delivery', { fulfilment: 'delivery' }],
];

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const c = await client(process.env.BENCH_USER ?? 'rest-admin');
console.log(`order list on ${base}, ${runs} runs each, user ${process.env.BENCH_USER ?? 'rest-admin'}`);
console.log(
  `${'combination'.padEnd(28)} ${'first p50'.padStart(10)} ${'first p95'.padStart(10)} ${'deep p95'.padStart(10)} rows`,
);
for (const [name, query] of combos) {
  const first: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const page = await c.call(routes.listOrders, { query: { ...query, limit: 50 } as never });
    first.push(performance.now() - t);
    rows = page.items.length;
  }
  // walk 20 pages to get a deep cursor, then time that page
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await c.call(routes.listOrders, { query: { ...query, limit: 50, cursor } as never });
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  const deep: number[] = [];
  for (let i = 0; cursor && i < runs; i++) {
    const t = performance.now();
    await c.call(routes.listOrders, { query: { ...query, limit: 50, cursor } as never });
    deep.push(performance.now() - t);
  }
  const f = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(
    `${name.padEnd(28)} ${f(pct(first, 50))} ${f(pct(first, 95))} ${deep.length ? f(pct(deep, 95)) : '         –'} ${rows}`,
  );
}

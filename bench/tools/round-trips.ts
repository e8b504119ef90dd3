// Counts the SQL round trips of one POST /api/orders (3 lines, idempotency key) through an
// in-process server on the bench PostgreSQL database, and prints each statement. A development
// aid for the submission path:  node --import tsx bench/tools/round-trips.ts [orders]
import pg from 'pg';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { connectDatabase } from '../../packages/server/src/db/connect.ts';
import { systemClock } from '../../packages/server/src/lib/clock.ts';
import { benchCatalog, benchDbUrl, prepareBase } from '../lib/db.ts';

const log: string[] = [];
let counting = false;
const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
  if (counting) {
    const q = a[0] as string | { text: string };
    log.push((typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').slice(0, 160));
  }
  return original.apply(this, a);
} as typeof pg.Client.prototype.query;

const url = benchDbUrl();
const base = await prepareBase({ url });
const cat = await benchCatalog(base);
await base.close();
const database = await connectDatabase({ url }, 10);
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'error', DATA_DIR: '/tmp/ol-rt' });
const app = await buildApp({ config, database, clock: systemClock });
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
const root = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const login = await fetch(`${root}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'rest-admin', password: 'orderloop-demo', mode: 'token' }),
});
const { token } = (await login.json()) as { token: string };
const post = (skus: string[]) =>
  fetch(`${root}/api/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      storeId: cat.storeId,
      fulfilment: 'pickup',
      lines: skus.map((skuId) => ({ skuId, quantity: 1 })),
    }),
  });
await post(cat.skuIds.slice(0, 3)); // warm caches
const n = Number(process.argv[2] ?? 1);
counting = true;
for (let i = 0; i < n; i++) {
  const res = await post(cat.skuIds.slice(3 + i * 3, 6 + i * 3));
  if (res.status !== 201) console.log(res.status, await res.text());
  else await res.arrayBuffer();
}
counting = false;
for (const [i, q] of log.entries()) console.log(String(i + 1).padStart(3), q);
console.log(`${log.length / n} round trips per order`);
await app.close();
await database.close();

import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { effectiveScope } from '../packages/server/src/access/access.ts';
import { connectDatabase } from '../packages/server/src/db/connect.ts';
import { users } from '../packages/server/src/db/schema.ts';
import { staffActor } from '../packages/server/src/identity/sessions.ts';
import { writeOrderExport } from '../packages/server/src/order-export/write.ts';

const d = await connectDatabase({ url: 'postgres://postgres@127.0.0.1:5432/ol_bench' }, 4);
const [u] = await d.db.select().from(users).where(eq(users.username, 'rest-admin'));
const actor = await staffActor(d.db, u!, { id: '', mode: 'token' });
const columns = [
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
const from = new Date(Date.now() - Number(process.env.DAYS ?? 30) * 86400000).toISOString();
for (const format of (process.env.FORMATS ?? 'csv').split(',')) {
  let bytes = 0;
  const out = new Writable({
    write(c, _e, cb) {
      bytes += c.length;
      cb();
    },
  });
  const t = performance.now();
  const n = await writeOrderExport(out, d.db, {
    businessId: actor.businessId,
    scope: effectiveScope(actor, 'orders.read'),
    spec: {
      filter: { createdFrom: from } as never,
      sort: '-createdAt',
      format: format as 'csv',
      granularity: 'lines',
      columns: columns as never,
    },
    locale: 'zh-CN',
  });
  const s = (performance.now() - t) / 1000;
  console.log(format, n, 'rows', s.toFixed(2), 's', Math.round(n / s), 'rows/s', bytes, 'bytes');
}
await d.close();

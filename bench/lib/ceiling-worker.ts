// The raw-SQL ceiling of order submission: the same rows the API writes for one order (idempotency
// record, number counter, order, 3 lines, 3 conditional stock updates and movements, history,
// event, outbox, timers, audit), as plain pg statements in one transaction per order, at the same
// concurrency, from its own process. Row contents come from a template order the API wrote.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CeilingJob } from './ceiling.ts';
import type { LoadResult } from './load.ts';

const job = JSON.parse(process.argv[2]!) as CeilingJob;
type Row = Record<string, unknown>;
const pool = new pg.Pool({ connectionString: job.dbUrl, max: job.connections });

async function template(orderId: string) {
  const one = async (q: string) => (await pool.query(q, [orderId])).rows.map((r) => r.j as Row);
  return {
    order: (await one("SELECT to_jsonb(t) - 'search_text' j FROM orders t WHERE id = $1"))[0]!,
    lines: await one('SELECT to_jsonb(t) j FROM order_lines t WHERE order_id = $1 ORDER BY line_no'),
    history: (await one('SELECT to_jsonb(t) j FROM order_history t WHERE order_id = $1'))[0]!,
    event: (await one("SELECT to_jsonb(t) - 'id' j FROM events t WHERE order_id = $1"))[0]!,
    timers: await one('SELECT to_jsonb(t) j FROM timers t WHERE order_id = $1'),
    audit: (await one("SELECT to_jsonb(t) - 'id' j FROM audit_log t WHERE entity_id = $1::text"))[0]!,
    outbox: (
      await one('SELECT to_jsonb(o) j FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.order_id = $1')
    )[0]!,
    idem: (
      await one("SELECT to_jsonb(t) j FROM idempotency_keys t WHERE response_body->>'id' = $1::text")
    )[0]!,
  };
}

const tpl = await template(job.templateOrderId);
const ins = (table: string) =>
  `INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`;
const insMany = (table: string) =>
  `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`;
const cols = (table: string, row: Row) => {
  const keys = Object.keys(row);
  return `INSERT INTO ${table} (${keys.join(', ')}) SELECT ${keys.join(', ')} FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`;
};

async function submit(c: pg.PoolClient) {
  const id = randomUUID();
  const skus = new Set<string>();
  while (skus.size < 3) skus.add(job.skuIds[Math.floor(Math.random() * job.skuIds.length)]!);
  const skuIds = [...skus].sort();
  const now = new Date().toISOString();
  await c.query(cols('idempotency_keys', tpl.idem), [
    { ...tpl.idem, key: id, status: 'pending', response_body: null, locked_at: now, expires_at: now },
  ]);
  // numbered outside the transaction, as the API does, so the counter row is never held long
  const { rows } = await c.query(
    `INSERT INTO order_number_counters (store_id, local_date, last) VALUES ($1, now()::date + 3650, 1)
       ON CONFLICT (store_id, local_date) DO UPDATE SET last = order_number_counters.last + 1 RETURNING last`,
    [job.storeId],
  );
  const number = `X-${rows[0].last}`;
  await c.query('BEGIN');
  try {
    await c.query(cols('orders', tpl.order), [
      { ...tpl.order, id, number, created_at: now, updated_at: now },
    ]);
    await c.query(insMany('order_lines'), [
      JSON.stringify(tpl.lines.map((l, i) => ({ ...l, id: randomUUID(), order_id: id, sku_id: skuIds[i] }))),
    ]);
    for (const sku of skuIds) {
      const r = await c.query(
        `UPDATE stock_levels SET reserved = reserved + 1
         WHERE sku_id = $1 AND store_id = $2 AND tracked AND on_hand - reserved >= 1 RETURNING sku_id`,
        [sku, job.storeId],
      );
      if (!r.rowCount) throw new Error('out of stock');
    }
    await c.query(insMany('stock_movements'), [
      JSON.stringify(
        skuIds.map((sku) => ({
          id: randomUUID(),
          business_id: tpl.order.business_id,
          sku_id: sku,
          store_id: job.storeId,
          delta_on_hand: 0,
          delta_reserved: 1,
          reason: 'reserve',
          order_id: id,
          at: now,
        })),
      ),
    ]);
    await c.query(ins('order_history'), [{ ...tpl.history, id: randomUUID(), order_id: id }]);
    const ev = await c.query(`${cols('events', tpl.event)} RETURNING id`, [{ ...tpl.event, order_id: id }]);
    await c.query(ins('outbox'), [{ ...tpl.outbox, id: randomUUID(), event_id: ev.rows[0].id }]);
    await c.query(insMany('timers'), [
      JSON.stringify(tpl.timers.map((t) => ({ ...t, id: randomUUID(), order_id: id }))),
    ]);
    await c.query('UPDATE orders SET stock_reserved = true WHERE id = $1', [id]);
    await c.query(cols('audit_log', tpl.audit), [{ ...tpl.audit, entity_id: id }]);
    await c.query(
      `UPDATE idempotency_keys SET status = 'done', response_status = 201, response_body = $3::jsonb
       WHERE owner = $1 AND key = $2`,
      [tpl.idem.owner, id, JSON.stringify(tpl.idem.response_body)],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
}

const times: number[] = [];
let errors = 0;
const end = performance.now() + job.seconds * 1000;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: job.connections }, async () => {
    const c = await pool.connect();
    try {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await submit(c);
          times.push(performance.now() - t);
        } catch (err) {
          if (!errors++) console.error(`raw SQL: ${(err as Error).message}`);
        }
      }
    } finally {
      c.release();
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
await pool.end();
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
const result: LoadResult = {
  label: 'raw-sql',
  requests: times.length,
  seconds,
  perSecond: times.length / seconds,
  p50: pct(50),
  p95: pct(95),
  p99: pct(99),
  max: times.at(-1) ?? 0,
  statuses: {},
  errors,
};
process.stdout.write(`${JSON.stringify(result)}\n`);

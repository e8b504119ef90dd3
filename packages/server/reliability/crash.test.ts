import { routes } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { outbox } from '../src/db/workflow-schema.ts';
import type { TestBusiness } from '../test/factories.ts';
import { startReceiver } from '../test/receivers.ts';
import { orderBody, setUpShop, stockOf } from './fixtures.ts';
import { call, freshPostgres, type Proc, spawnOrderloop, waitFor } from './processes.ts';

// kill -9 in the middle of work: what was acknowledged survives, nothing half-done is left behind.
let pgdb: Awaited<ReturnType<typeof freshPostgres>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const procs: Proc[] = [];
let env: Record<string, string>;
let biz: TestBusiness;
let token = '';
let skuId = '';

const spawn = async (command: 'start' | 'worker', name: string) => {
  const p = await spawnOrderloop(command, env, name);
  procs.push(p);
  return p;
};
const db = () => pgdb.database.db;
const webhookRows = () => db().select().from(outbox).where(eq(outbox.channel, 'webhook'));
const deliveredIds = () => new Set(receiver.received.map((h) => String(h.headers['x-orderloop-delivery'])));

beforeAll(async () => {
  pgdb = await freshPostgres();
  receiver = await startReceiver();
  env = { DATABASE_URL: pgdb.url, DB_POOL_SIZE: '8' };
  const api = await spawn('start', 'api-1');
  ({ biz, token, skuId } = await setUpShop(db(), api.url, { stock: 100_000, webhookUrl: receiver.url }));
}, 300_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await receiver?.close();
  await pgdb?.drop();
});

/** Orders that lack lines, or whose lines' quantities are not what the stock ledger reserved. */
const brokenOrders = () =>
  queryRows<{ id: string }>(
    db(),
    sql`SELECT o.id FROM orders o
      WHERE o.business_id = ${biz.id}
        AND (NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)
          OR (SELECT coalesce(sum(quantity), 0) FROM order_lines l WHERE l.order_id = o.id)
             <> (SELECT coalesce(sum(delta_reserved), 0) FROM stock_movements m WHERE m.order_id = o.id))`,
  );

describe('an API process killed in the middle of a stream of orders', () => {
  const acked = new Map<string, string>(); // idempotency key → order id
  const unanswered: { key: string; body: ReturnType<typeof orderBody> }[] = [];

  it('keeps every acknowledged order with its stock, and no half-written one', async () => {
    const api = procs[0]!;
    let stop = false;
    let n = 0;
    const client = async (c: number) => {
      while (!stop) {
        const key = `crash-${c}-${n++}-${Date.now()}`;
        const body = orderBody(biz.storeA, skuId, 1 + (n % 3));
        try {
          const r = await call(api.url, 'POST', '/api/orders', {
            token,
            body,
            headers: { 'idempotency-key': key },
          });
          if (r.status === 201) acked.set(key, String(r.json.id));
          else throw new Error(`unexpected ${r.status} ${JSON.stringify(r.json)}`);
        } catch (e) {
          if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
          unanswered.push({ key, body }); // the connection died with the process
          return;
        }
      }
    };
    const loops = Array.from({ length: 8 }, (_, c) => client(c));
    await waitFor(() => acked.size >= 40, '40 acknowledged orders', 30_000, api);
    await api.kill9();
    stop = true;
    await Promise.all(loops);
    expect(unanswered.length).toBeGreaterThan(0); // the kill did land mid-stream

    const restarted = await spawn('start', 'api-2');
    const ids = [...acked.values()];
    const found = await queryRows<{ id: string }>(
      db(),
      sql`SELECT id FROM orders WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(found.length).toBe(ids.length);
    expect(await brokenOrders()).toEqual([]);
    const stock = await stockOf(db(), skuId);
    expect(stock.reserved).toBe(stock.ledger.reserved);
    expect(stock.reserved).toBe(stock.ledger.lines);

    // the acknowledged orders read back through the new process
    const one = await call(restarted.url, 'GET', `/api/orders/${ids[0]}`, { token });
    expect(one.status).toBe(200);
    // a client retrying its unanswered requests never gets a second order or a 5xx
    const before = stock.ledger.orders;
    const retries = await Promise.all(
      unanswered.map(({ key, body }) =>
        call(restarted.url, 'POST', '/api/orders', { token, body, headers: { 'idempotency-key': key } }),
      ),
    );
    // 201 (a replay, or the first never committed) or 409 while the dead request's claim is fresh
    for (const r of retries) expect([201, 409]).toContain(r.status);
    const after = await stockOf(db(), skuId);
    // each retried key made at most one order (a replay or, if the first never committed, a new one)
    expect(after.ledger.orders - before).toBeLessThanOrEqual(unanswered.length);
    expect(await brokenOrders()).toEqual([]);
  }, 240_000);

  it('delivers after the crash the outbox events written before it', async () => {
    const rows = await webhookRows();
    expect(rows.length).toBeGreaterThanOrEqual(acked.size);
    expect(rows.every((r) => r.status === 'pending')).toBe(true); // no worker ran yet
    const worker = await spawn('worker', 'worker-1');
    await waitFor(
      async () => (await webhookRows()).every((r) => r.status === 'delivered'),
      'every event to be delivered',
      60_000,
      worker,
    );
    const got = deliveredIds();
    expect(rows.filter((r) => !got.has(r.id))).toEqual([]);
    const ordersTold = new Set(receiver.received.map((h) => JSON.parse(h.body).order?.orderId));
    expect([...acked.values()].filter((id) => !ordersTold.has(id))).toEqual([]);
    await worker.stop();
  }, 240_000);
});

describe('a worker killed in the middle of deliveries', () => {
  it('delivers every event at least once; the receiver deduplicates by delivery id', async () => {
    const api = procs.find((p) => p.name === 'api-2')!;
    receiver.received.length = 0;
    receiver.state.delayMs = 60; // slow receiver: the kill lands between deliveries
    for (let i = 0; i < 40; i++) {
      const r = await call(api.url, 'POST', routes.createOrder.path, {
        token,
        body: orderBody(biz.storeA, skuId),
      });
      expect(r.status).toBe(201);
    }
    const pending = (await webhookRows()).filter((r) => r.status === 'pending');
    expect(pending.length).toBe(40);
    const worker = await spawn('worker', 'worker-2');
    await waitFor(() => receiver.received.length >= 8, 'some deliveries', 30_000, worker);
    await worker.kill9();
    const partial = deliveredIds().size;
    expect(partial).toBeLessThan(40);
    // the dead worker's claims come back when their lease runs out: move them past it as time would
    await queryRows(
      db(),
      sql`UPDATE outbox SET next_attempt_at = next_attempt_at - interval '10 minutes' WHERE status = 'pending'`,
    );
    const next = await spawn('worker', 'worker-3');
    await waitFor(
      async () => (await webhookRows()).every((r) => r.status === 'delivered'),
      'every event to be delivered after the crash',
      60_000,
      next,
    );
    const got = deliveredIds();
    expect(pending.filter((r) => !got.has(r.id))).toEqual([]);
    // at least once: a delivery cut off by the kill may arrive twice, never lost
    expect(receiver.received.length).toBeGreaterThanOrEqual(got.size);
  }, 240_000);
});

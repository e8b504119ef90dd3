import { routes } from '@orderloop/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connect.ts';
import { orders } from '../src/db/order-schema.ts';
import { outbox, timers } from '../src/db/workflow-schema.ts';
import { newId } from '../src/lib/ids.ts';
import type { TestBusiness } from '../test/factories.ts';
import { startReceiver } from '../test/receivers.ts';
import { openSse } from '../test/sse-client.ts';
import { orderBody, setUpShop, stockOf } from './fixtures.ts';
import { call, freshPostgres, type Proc, spawnOrderloop, waitFor } from './processes.ts';

// Two API processes and two separate workers on one PostgreSQL database, all real processes.
let pgdb: Awaited<ReturnType<typeof freshPostgres>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let apiA: Proc;
let apiB: Proc;
const workers: Proc[] = [];
let biz: TestBusiness;
let token = '';
let skuId = '';
const STOCK = 20;

beforeAll(async () => {
  pgdb = await freshPostgres();
  receiver = await startReceiver();
  const env = { DATABASE_URL: pgdb.url, DB_POOL_SIZE: '8', LIVE_HEARTBEAT_SECONDS: '1' };
  [apiA, apiB] = await Promise.all([
    spawnOrderloop('start', env, 'api-A'),
    spawnOrderloop('start', env, 'api-B'),
  ]);
  workers.push(
    ...(await Promise.all([
      spawnOrderloop('worker', env, 'worker-1'),
      spawnOrderloop('worker', env, 'worker-2'),
    ])),
  );
  ({ biz, token, skuId } = await setUpShop(pgdb.database.db, apiA.url, {
    stock: STOCK,
    webhookUrl: receiver.url,
  }));
}, 300_000);

afterAll(async () => {
  await Promise.all([apiA, apiB, ...workers].filter(Boolean).map((p) => p.stop()));
  await receiver?.close();
  await pgdb?.drop();
});

const via = (i: number) => (i % 2 ? apiB : apiA).url;

describe('several processes on one database', () => {
  it('never oversells scarce stock when many orders race across both API processes', async () => {
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        call(via(i), 'POST', '/api/orders', { token, body: orderBody(biz.storeA, skuId) }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(STOCK);
    const refused = results.filter((r) => r.status !== 201);
    expect(new Set(refused.map((r) => `${r.status} ${r.json.code}`))).toEqual(new Set(['409 OUT_OF_STOCK']));
    // both processes took part in the winners
    const won = results.map((r, i) => [r.status, i % 2] as const).filter(([s]) => s === 201);
    expect(new Set(won.map(([, p]) => p)).size).toBe(2);
    const stock = await stockOf(pgdb.database.db, skuId);
    expect(stock).toEqual({
      onHand: STOCK,
      reserved: STOCK,
      ledger: { reserved: STOCK, orders: STOCK, lines: STOCK },
    });
  }, 60_000);

  it('makes one order of one Idempotency-Key sent to both processes at once', async () => {
    const more = await call(apiA.url, 'POST', routes.adjustStock.path, {
      token,
      body: { storeId: biz.storeA, skuId, mode: 'delta', quantity: 50, reason: 'receipt' },
    });
    expect(more.status).toBe(200);
    const before = (await stockOf(pgdb.database.db, skuId)).ledger.orders;
    const keys = Array.from({ length: 8 }, (_, i) => `rel-key-${newId()}-${i}`);
    for (const key of keys) {
      const body = orderBody(biz.storeA, skuId);
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call(via(i), 'POST', '/api/orders', { token, body, headers: { 'idempotency-key': key } }),
        ),
      );
      const ok = answers.filter((a) => a.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      // every success is the same order; the others were told the first is still running
      expect(new Set(ok.map((a) => a.json.id)).size).toBe(1);
      for (const a of answers.filter((x) => x.status !== 201))
        expect([a.status, a.json.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
      // a late retry on the other process replays the stored answer
      const replay = await call(apiB.url, 'POST', '/api/orders', {
        token,
        body,
        headers: { 'idempotency-key': key },
      });
      expect([replay.status, replay.json.id]).toEqual([201, ok[0]!.json.id]);
    }
    const after = await stockOf(pgdb.database.db, skuId);
    expect(after.ledger.orders - before).toBe(keys.length);
    expect(after.reserved).toBe(after.ledger.reserved);
  }, 60_000);

  it('delivers every outbox event once, though two workers compete for them', async () => {
    const db = pgdb.database.db;
    const pending = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`SELECT count(*)::int AS n FROM outbox WHERE channel = 'webhook' AND status = 'pending'`,
        )
      )[0]!.n;
    await waitFor(async () => (await pending()) === 0, 'the outbox to drain', 30_000);
    const rows = await db.select().from(outbox).where(eq(outbox.channel, 'webhook'));
    expect(rows.length).toBeGreaterThanOrEqual(STOCK + 8);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const perDelivery = new Map<string, number>();
    for (const h of receiver.received) {
      const id = String(h.headers['x-orderloop-delivery']);
      perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
    }
    expect(perDelivery.size).toBe(rows.length);
    expect([...perDelivery.values()].filter((n) => n !== 1)).toEqual([]);
  }, 60_000);

  it('fires each due timer exactly once across the workers', async () => {
    const db = pgdb.database.db;
    const open = await db
      .select({ id: orders.id, state: orders.state, version: orders.version })
      .from(orders)
      .where(eq(orders.businessId, biz.id));
    const now = new Date(Date.now() - 1000);
    const mine = open.slice(0, 25);
    const timerIds = mine.map(() => newId());
    await db.insert(timers).values(
      mine.map((o, i) => ({
        id: timerIds[i]!,
        businessId: biz.id,
        orderId: o.id,
        kind: 'overdue',
        state: o.state,
        stateVersion: o.version,
        dueAt: now,
      })),
    );
    const ids = mine.map((o) => o.id);
    const mineLeft = () =>
      db
        .select({ id: timers.id })
        .from(timers)
        .where(and(inArray(timers.id, timerIds), eq(timers.status, 'pending')));
    await waitFor(
      async () => (await mineLeft()).length === 0,
      `the timers to fire\n${workers.map((w) => w.output()).join('\n')}`,
      30_000,
    );
    const fired = await queryRows<{ order_id: string; n: number }>(
      db,
      sql`SELECT order_id, count(*)::int AS n FROM events WHERE type = 'order.overdue' GROUP BY order_id`,
    );
    expect(fired.map((f) => f.order_id).sort()).toEqual([...ids].sort());
    expect(fired.filter((f) => f.n !== 1)).toEqual([]);
    const left = await db.select().from(timers).where(inArray(timers.id, timerIds));
    expect(left.every((t) => t.status === 'fired')).toBe(true);
  }, 60_000);

  it('tells an event-stream client of process A about an order made through process B', async () => {
    const stream = await openSse(`${apiA.url}/api/events/stream`, token);
    try {
      expect(stream.res.status).toBe(200);
      const made = await call(apiB.url, 'POST', '/api/orders', { token, body: orderBody(biz.storeA, skuId) });
      expect(made.status).toBe(201);
      const seen = await stream.waitFor((e) => e.data.orderId === made.json.id, 'the order made on B');
      expect(seen.type).toMatch(/^order\./);
    } finally {
      stream.close();
    }
  }, 30_000);
});

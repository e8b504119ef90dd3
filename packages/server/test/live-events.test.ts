import { type ApiClient, createClient, routes } from '@orderloop/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub, type LiveRow } from '../src/live/hub.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { openSse, type SseEvent } from './sse-client.ts';

let s: TestServer;
let biz: TestBusiness;
type Login = ApiClient & { token: string };
let admin: Login;
let coordA: Login;
let coordB: Login;
let rep1: Login;
let rep2: Login;
let skuId = '';
const open: { close: () => void }[] = [];

const stream = async (who: Login, headers: Record<string, string> = {}, query = '') => {
  const c = await openSse(`${s.url}/api/events/stream${query}`, who.token, headers);
  open.push(c);
  return c;
};
const order = (by: ApiClient, storeId = biz.storeA) =>
  by.call(routes.createOrder, { body: { storeId, fulfilment: 'pickup', lines: [{ skuId, quantity: 1 }] } });
const act = (by: ApiClient, id: string, action: string) =>
  by.call(routes.transitionOrder, { params: { id }, body: { action } });
const about = (orderId: string, type?: string) => (e: SseEvent) =>
  e.data.orderId === orderId && (!type || e.type === type);
const orderIds = (events: SseEvent[]) => new Set(events.map((e) => e.data.orderId));

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000', LIVE_HEARTBEAT_SECONDS: '0.2' } });
  biz = await makeBusiness(s.database.db, 'b2b');
  const login = async (role: string, scope: 'own' | 'store' | 'all', storeId?: string) =>
    s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);
  admin = await login('admin', 'all');
  coordA = await login('coordinator', 'store', biz.storeA);
  coordB = await login('coordinator', 'store', biz.storeB);
  rep1 = await login('sales_rep', 'own', biz.storeA);
  rep2 = await login('sales_rep', 'own', biz.storeA);
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Bolt', skus: [{ code: 'B-1', price: 500 }] },
  });
  skuId = p.skus[0]!.id;
}, 60_000);
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

describe('live events (SSE)', () => {
  it('streams new orders and transitions of my store only', async () => {
    const a = await stream(coordA);
    const b = await stream(coordB);
    expect(a.res.status).toBe(200);
    expect(a.res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const inB = await order(admin, biz.storeB);
    const inA = await order(admin);
    const submitted = await a.waitFor(about(inA.id, 'order.submitted'), 'store A order');
    expect(submitted.id).toBe(String(submitted.data.id));
    expect(submitted.data).toMatchObject({ storeId: biz.storeA, payload: { number: inA.number } });
    await b.waitFor(about(inB.id, 'order.submitted'), 'store B order');

    await act(coordA, inA.id, 'review');
    const moved = await a.waitFor(about(inA.id, 'order.transitioned'), 'the transition');
    expect(moved.data.payload).toMatchObject({ action: 'review', from: 'submitted', to: 'under_review' });
    // events come in id order, so store B's earlier order would have arrived before these
    expect(orderIds(a.events).has(inB.id)).toBe(false);
    expect(orderIds(b.events).has(inA.id)).toBe(false);
    const ids = a.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it("a sales rep sees only their own orders' events", async () => {
    const r1 = await stream(rep1);
    const r2 = await stream(rep2);
    const byAdmin = await order(admin);
    const mine = await order(rep1);
    await r1.waitFor(about(mine.id, 'order.submitted'), "rep1's own order");
    const theirs = await order(rep2);
    await r2.waitFor(about(theirs.id), "rep2's own order");
    expect(orderIds(r1.events)).toEqual(new Set([mine.id]));
    expect(orderIds(r2.events).has(mine.id)).toBe(false);
    expect(orderIds(r2.events).has(byAdmin.id)).toBe(false);
  });

  it('a reconnecting client gets what it missed after Last-Event-ID, each event once', async () => {
    const first = await stream(coordA);
    const o1 = await order(admin);
    const seen = await first.waitFor(about(o1.id, 'order.submitted'), 'the first order');
    first.close();

    // while disconnected: two changes it may see, one it may not
    await act(coordA, o1.id, 'review');
    const o2 = await order(admin);
    const elsewhere = await order(admin, biz.storeB);

    const again = await stream(coordA, { 'last-event-id': seen.id! });
    await again.waitFor(about(o2.id, 'order.submitted'), 'the missed order');
    await act(coordA, o2.id, 'review');
    await again.waitFor(about(o2.id, 'order.transitioned'), 'a live event after the replay');
    const got = again.events.map((e) => `${e.type} ${e.data.orderId}`);
    expect(got).toEqual([
      `order.transitioned ${o1.id}`,
      `order.submitted ${o2.id}`,
      `order.transitioned ${o2.id}`,
    ]);
    expect(orderIds(again.events).has(elsewhere.id)).toBe(false);

    // the query parameter works the same (for clients that cannot set headers)
    const viaQuery = await stream(coordA, {}, `?lastEventId=${seen.id}`);
    await viaQuery.until(() => viaQuery.events.length >= 3, 'the replay');
    expect(viaQuery.events.map((e) => e.id)).toEqual(again.events.map((e) => e.id));
  });

  it('sends heartbeats and ends the stream when the session is signed out', async () => {
    const who = await s.loginToken(
      (await makeUser(s.database.db, biz, [{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]))
        .username,
      PASSWORD,
    );
    const c = await stream(who);
    await c.until(() => c.comments.includes('heartbeat'), 'a heartbeat');
    await who.call(routes.logout);
    await c.until(() => c.ended(), 'the stream to end', 3000);
  });

  it('refuses a malformed Last-Event-ID and callers without orders.read', async () => {
    const bad = await fetch(`${s.url}/api/events/stream`, {
      headers: { authorization: `Bearer ${coordA.token}`, 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'headers.last-event-id' }],
    });
    const anon = await fetch(`${s.url}/api/events/stream`);
    expect(anon.status).toBe(401);
  });

  it("a customer's stream carries their own orders' state changes", async () => {
    const phone = '13700001111';
    const { devCode } = await s.anon.call(routes.customerRequestCode, {
      body: { business: biz.slug, phone },
    });
    const { token } = await s.anon.call(routes.customerLogin, {
      body: { business: biz.slug, phone, code: devCode! },
    });
    const customer = createClient({ baseUrl: s.url, token: () => token });
    const me = await customer.call(routes.customerMe);
    const c = await openSse(`${s.url}/api/customer/events/stream`, token);
    open.push(c);
    const theirs = await admin.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        customerId: me.customer.id,
        fulfilment: 'pickup',
        lines: [{ skuId, quantity: 1 }],
      },
    });
    const other = await order(admin);
    await act(coordA, theirs.id, 'review');
    const e = await c.waitFor(about(theirs.id, 'order.transitioned'), "the customer's order moving");
    expect(e.data.payload).toEqual({ number: theirs.number, state: 'under_review', action: 'review' });
    expect(orderIds(c.events).has(other.id)).toBe(false);
  });
});

describe('the fan-out hub', () => {
  it('emits a lower id that commits after a higher one, and passes over a gap that never fills', async () => {
    const db = s.database.db;
    const hub = createHub(s.database, s.app.log, 300);
    const got: number[] = [];
    const unsubscribe = await hub.subscribe(
      (batch: LiveRow[]) => got.push(...batch.map((e) => e.id)),
      () => {},
    );
    const [{ top } = { top: 0 }] = (
      (await db.execute(sql`SELECT coalesce(max(id), 0)::int AS top FROM events`)) as unknown as {
        rows: { top: number }[];
      }
    ).rows;
    const put = async (id: number) => {
      await db.execute(sql`INSERT INTO events (id, business_id, store_id, type, payload, at)
        VALUES (${id}, ${biz.id}, ${biz.storeA}, 'test.event', '{}'::jsonb, now())`);
      await db.execute(sql`SELECT pg_notify('orderloop_events', ${String(id)})`);
    };
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await put(top + 2); // top + 1 is "still in flight"
    await until(() => got.includes(top + 2));
    await put(top + 1); // ...and commits late
    await until(() => got.includes(top + 1));
    expect(got).toEqual([top + 2, top + 1]);

    await put(top + 4); // top + 3 never commits (a rolled-back transaction)
    await until(() => got.includes(top + 4));
    await new Promise((r) => setTimeout(r, 700)); // past the grace
    await put(top + 5);
    await until(() => got.includes(top + 5));
    await put(top + 3); // far too late: the hub moved on, a reconnect replay would still have it
    await new Promise((r) => setTimeout(r, 200));
    await hub.poll();
    expect(got).toEqual([top + 2, top + 1, top + 4, top + 5]);
    unsubscribe();
    await hub.close();
    await db.execute(
      sql`SELECT setval(pg_get_serial_sequence('events', 'id'), (SELECT max(id) FROM events))`,
    );
  });
});

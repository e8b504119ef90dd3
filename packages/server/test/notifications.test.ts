import { type ApiClient, routes } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, outbox } from '../src/db/workflow-schema.ts';
import { closeMailTransports } from '../src/notifications/email.ts';
import { verifyWebhook } from '../src/notifications/webhook.ts';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { startReceiver, startSmtp } from './receivers.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let clerk: ApiClient; // coordinator of store A, with an email address
let clerkB: ApiClient; // coordinator of store B
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let secret = '';
let skuId = '';

const HOUR = 3_600_000;
const deliver = () => deliverOutbox(s.deps());
const order = async (storeId = biz.storeA) =>
  admin.call(routes.createOrder, {
    body: { storeId, fulfilment: 'pickup', lines: [{ skuId, quantity: 1 }] },
  });
const rowsOf = async (orderId: string, channel: string) =>
  (await s.database.db.select().from(outbox).where(eq(outbox.channel, channel))).filter(
    (r) => (r.payload.order as { orderId: string }).orderId === orderId,
  );
const hooksFor = (deliveryId: string) =>
  receiver.received.filter((h) => h.headers['x-orderloop-delivery'] === deliveryId);

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = await startSmtp();
  s = await startTestServer({
    env: {
      LOGIN_IP_LIMIT: '1000',
      SESSION_IDLE_HOURS: '10000', // the tests move the clock by days
      SMTP_URL: smtp.url,
      WEBHOOK_TIMEOUT_MS: '1000',
      PUBLIC_URL: 'https://ol.test',
    },
  });
  biz = await makeBusiness(s.database.db, 'b2b');
  const db = s.database.db;
  const login = async (role: string, scope: 'store' | 'all', storeId?: string) => {
    const u = await makeUser(db, biz, [{ role, scope, storeId }]);
    return { id: u.id, client: await s.loginToken(u.username, PASSWORD) };
  };
  admin = (await login('admin', 'all')).client;
  const a = await login('coordinator', 'store', biz.storeA);
  clerk = a.client;
  const edited = await admin.call(routes.updateUser, {
    params: { id: a.id },
    body: { email: 'clerk-a@example.test', locale: 'en' },
  });
  expect(edited.email).toBe('clerk-a@example.test');
  clerkB = (await login('coordinator', 'store', biz.storeB)).client;
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Widget', skus: [{ code: 'W-1', price: 12_345 }] },
  });
  skuId = p.skus[0]!.id;
  const hook = await admin.call(routes.createWebhook, {
    body: { url: receiver.url, events: ['new_order'], description: 'ERP bridge' },
  });
  secret = hook.secret!;
  // who is told of a new order: the store's staff, in app, by webhook and by email
  await admin.call(routes.updateNotificationSettings, {
    body: { events: { new_order: { to: ['store_staff'], channels: ['in_app', 'webhook', 'email'] } } },
  });
}, 60_000);
afterAll(async () => {
  closeMailTransports();
  await s.close();
  await receiver.close();
  await smtp.close();
});

describe('outbox delivery', () => {
  it('delivers a new order to a signed webhook, the store staff in app, and by email', async () => {
    const o = await order();
    const [hookRow] = await rowsOf(o.id, 'webhook');
    expect(hookRow).toMatchObject({ status: 'pending', attempts: 0 });
    const tally = await deliver();
    expect(tally.dead + tally.retrying).toBe(0);

    const [got, ...more] = hooksFor(hookRow!.id);
    expect(more).toEqual([]);
    expect(got!.headers['x-orderloop-event']).toBe('new_order');
    const sig = {
      timestamp: String(got!.headers['x-orderloop-timestamp']),
      signature: String(got!.headers['x-orderloop-signature']),
    };
    expect(sig.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, sig, got!.body, Number(sig.timestamp))).toBe(true);
    expect(verifyWebhook('another-secret-value', sig, got!.body, Number(sig.timestamp))).toBe(false);
    expect(JSON.parse(got!.body)).toMatchObject({
      id: hookRow!.id,
      event: 'new_order',
      order: { orderId: o.id, number: o.number, total: o.total },
      link: `https://ol.test/orders/${o.id}`,
    });
    expect((await rowsOf(o.id, 'webhook'))[0]).toMatchObject({ status: 'delivered', attempts: 1 });

    // in app: store A's staff are told, store B's are not
    const mine = await clerk.call(routes.listNotifications, { query: {} });
    const n = mine.items.find((i) => i.orderId === o.id)!;
    expect(n).toMatchObject({ event: 'new_order', title: `New order ${o.number}`, readAt: null });
    expect(n.body).toContain('Store A');
    expect(n.link).toBe(`https://ol.test/orders/${o.id}`);
    expect(
      (await clerkB.call(routes.listNotifications, { query: {} })).items.some((i) => i.orderId === o.id),
    ).toBe(false);

    // email: one message to the clerk's address, in English, with the delivery id
    const mail = smtp.mails.find((m) => m.raw.includes(o.number))!;
    expect(mail.to).toEqual(['clerk-a@example.test']);
    expect(mail.raw).toMatch(new RegExp(`Subject: New order ${o.number}`));
    const [emailRow] = await rowsOf(o.id, 'email');
    expect(mail.raw).toContain(`X-Orderloop-Delivery: ${emailRow!.id}`);
  });

  it('retries a failing receiver with backoff and delivers once it recovers', async () => {
    receiver.state.script = [500, 500];
    const o = await order();
    const [row] = await rowsOf(o.id, 'webhook');
    await deliver();
    expect(hooksFor(row!.id)).toHaveLength(1);
    let r = (await rowsOf(o.id, 'webhook'))[0]!;
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.lastError).toMatch(/HTTP 500/);
    // the next attempt waits about 30 s (with jitter): not due yet
    const wait = r.nextAttemptAt.getTime() - s.clock.now().getTime();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(40_000);
    await deliver();
    expect(hooksFor(row!.id)).toHaveLength(1);

    s.clock.advance(40_000);
    await deliver();
    r = (await rowsOf(o.id, 'webhook'))[0]!;
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    expect(r.nextAttemptAt.getTime() - s.clock.now().getTime()).toBeGreaterThan(45_000); // doubled

    s.clock.advance(80_000);
    await deliver();
    s.clock.advance(HOUR);
    await deliver();
    const hits = hooksFor(row!.id);
    expect(hits.map((h) => h.headers['x-orderloop-delivery'])).toEqual([row!.id, row!.id, row!.id]);
    expect((await rowsOf(o.id, 'webhook'))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('dead-letters a delivery that keeps failing; the console lists it and can retry it', async () => {
    receiver.state.fallback = 500;
    const o = await order();
    const [row] = await rowsOf(o.id, 'webhook');
    for (let i = 0; i < 8; i++) {
      await deliver();
      s.clock.advance(2 * HOUR);
    }
    expect(hooksFor(row!.id)).toHaveLength(8);
    expect((await rowsOf(o.id, 'webhook'))[0]).toMatchObject({ status: 'dead', attempts: 8 });
    await deliver();
    expect(hooksFor(row!.id)).toHaveLength(8);

    const dead = await admin.call(routes.listDeliveries, { query: { status: 'dead' } });
    expect(dead.items.find((d) => d.id === row!.id)).toMatchObject({
      channel: 'webhook',
      event: 'new_order',
      orderNumber: o.number,
      attempts: 8,
      lastError: expect.stringMatching(/attempt 8: .*HTTP 500/),
    });
    // the dead letter is an exception event too (live streams show it)
    const [ev] = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'delivery.dead'), eq(events.orderId, o.id)));
    expect(ev!.payload).toMatchObject({ deliveryId: row!.id, channel: 'webhook' });

    receiver.state.fallback = 200;
    const retried = await admin.call(routes.retryDelivery, { params: { id: row!.id } });
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    await deliver();
    expect(hooksFor(row!.id)).toHaveLength(9);
    expect((await rowsOf(o.id, 'webhook'))[0]).toMatchObject({ status: 'delivered' });
    const again = await problemOf(admin.call(routes.retryDelivery, { params: { id: row!.id } }));
    expect(again.code).toBe('CONFLICT');
    const audit = await admin.call(routes.listAudit, {
      query: { entityType: 'delivery', entityId: row!.id },
    });
    expect(audit.items.map((a) => a.action)).toEqual(['delivery.retried']);
    expect(await problemOf(clerk.call(routes.listDeliveries, { query: {} }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('gives up at once on a receiver that does not answer in time, and retries later', async () => {
    receiver.state.delayMs = 1500; // the test server waits 1 s
    const o = await order();
    await deliver();
    receiver.state.delayMs = 0;
    const [r] = await rowsOf(o.id, 'webhook');
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r!.lastError).toMatch(/no answer within 1000 ms/);
    s.clock.advance(HOUR);
    await deliver();
    expect((await rowsOf(o.id, 'webhook'))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('two workers at once deliver every row exactly once', async () => {
    const made = await Promise.all([order(), order(), order(), order(biz.storeB), order()]);
    await Promise.all([deliver(), deliver(), deliver()]);
    for (const o of made) {
      const [row] = await rowsOf(o.id, 'webhook');
      expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(hooksFor(row!.id)).toHaveLength(1);
    }
    const mails = smtp.mails.filter((m) => made.some((o) => m.raw.includes(`order ${o.number}`)));
    expect(mails).toHaveLength(4); // store B's order goes to nobody with an address
  });

  it("uses the business's own words where it wrote them, and refuses unknown placeholders", async () => {
    const rule = {
      to: ['store_staff' as const],
      channels: ['in_app' as const, 'webhook' as const, 'email' as const],
    };
    const bad = await problemOf(
      admin.call(routes.updateNotificationSettings, {
        body: { events: { new_order: { ...rule, texts: { en: { title: 'Order {numbr}', body: 'x' } } } } },
        headers: { 'accept-language': 'en' },
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(bad.fields).toEqual([
      expect.objectContaining({
        field: 'body.events.new_order.texts.en.title',
        message: expect.stringContaining('{number}'),
      }),
    ]);
    await admin.call(routes.updateNotificationSettings, {
      body: {
        events: {
          new_order: {
            ...rule,
            texts: { en: { title: 'Kitchen: {number} in', body: '{customer} ordered {amount} at {store}' } },
          },
        },
      },
    });
    const o = await order();
    await deliver();
    const mine = await clerk.call(routes.listNotifications, { query: { limit: 5 } });
    const notice = mine.items.find((n) => n.orderId === o.id);
    expect(notice).toMatchObject({ title: `Kitchen: ${o.number} in` });
    expect(notice!.body).toMatch(/ordered .*123\.45 at /);
    // the email to the same reader says the same
    const mail = smtp.mails.find((m) => m.raw.includes(`Kitchen: ${o.number} in`));
    expect(mail).toBeDefined();
    await admin.call(routes.updateNotificationSettings, { body: { events: { new_order: rule } } });
  });

  it('skips channels that have nowhere to deliver, without dead letters', async () => {
    await admin.call(routes.updateNotificationSettings, {
      body: { events: { new_order: { to: ['customer'], channels: ['customer_message', 'email'] } } },
    });
    const o = await order();
    await deliver();
    expect((await rowsOf(o.id, 'customer_message'))[0]).toMatchObject({
      status: 'skipped',
      lastError: 'no channel configured for "customer_message"',
    });
    expect((await rowsOf(o.id, 'email'))[0]).toMatchObject({
      status: 'skipped',
      lastError: 'no recipient has an email address',
    });
    expect(await rowsOf(o.id, 'in_app')).toEqual([]);
    await admin.call(routes.updateNotificationSettings, {
      body: { events: { new_order: { enabled: false } } },
    });
    const quiet = await order();
    expect(
      await s.database.db
        .select()
        .from(outbox)
        .where(sql`${outbox.payload} -> 'order' ->> 'orderId' = ${quiet.id}`),
    ).toEqual([]);
    expect(await admin.call(routes.getNotificationSettings)).toEqual({
      events: { new_order: { enabled: false } },
    });
  });
});

describe('notification centre', () => {
  it('counts unread notices and marks one or all read', async () => {
    const { count } = await clerk.call(routes.notificationUnreadCount);
    expect(count).toBeGreaterThanOrEqual(5);
    const page1 = await clerk.call(routes.listNotifications, { query: { limit: 2 } });
    expect(page1.items).toHaveLength(2);
    const page2 = await clerk.call(routes.listNotifications, {
      query: { limit: 2, cursor: page1.nextCursor! },
    });
    expect(page2.items[0]!.createdAt <= page1.items[1]!.createdAt).toBe(true);
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0]!.id);

    const read = await clerk.call(routes.markNotificationRead, { params: { id: page1.items[0]!.id } });
    expect(read.readAt).not.toBeNull();
    expect((await clerk.call(routes.notificationUnreadCount)).count).toBe(count - 1);
    const unread = await clerk.call(routes.listNotifications, { query: { unread: 'true', limit: 200 } });
    expect(unread.items.map((i) => i.id)).not.toContain(read.id);
    // another user's notice is not there for them
    expect(
      (await problemOf(clerkB.call(routes.markNotificationRead, { params: { id: read.id } }))).code,
    ).toBe('NOT_FOUND');
    expect(await clerk.call(routes.markAllNotificationsRead)).toEqual({ count: count - 1 });
    expect((await clerk.call(routes.notificationUnreadCount)).count).toBe(0);
  });

  it('a repeated in-app delivery adds no second notice', async () => {
    const before = (await clerk.call(routes.listNotifications, { query: { limit: 200 } })).items.length;
    const [row] = await s.database.db.select().from(outbox).where(eq(outbox.channel, 'in_app')).limit(1);
    await s.database.db.update(outbox).set({ status: 'dead' }).where(eq(outbox.id, row!.id));
    await admin.call(routes.retryDelivery, { params: { id: row!.id } });
    await deliver();
    expect((await clerk.call(routes.listNotifications, { query: { limit: 200 } })).items).toHaveLength(
      before,
    );
  });
});

describe('recipients', () => {
  it('tells whoever may decide an approval that it waits for them', async () => {
    const u = await makeUser(s.database.db, biz, [{ role: 'approver', scope: 'all' }]);
    const approver = await s.loginToken(u.username, PASSWORD);
    const o = await admin.call(routes.createOrder, {
      body: {
        storeId: biz.storeA,
        fulfilment: 'pickup',
        lines: [{ skuId, quantity: 1, overridePrice: 100 }],
      },
    });
    await deliver();
    const inbox = await approver.call(routes.listNotifications, { query: {} });
    expect(inbox.items.find((n) => n.orderId === o.id)).toMatchObject({ event: 'approval_requested' });
    // the clerk of the store cannot approve: not told
    const clerks = await clerk.call(routes.listNotifications, { query: { limit: 200 } });
    expect(clerks.items.some((n) => n.orderId === o.id && n.event === 'approval_requested')).toBe(false);
  });
});

describe('webhook endpoints', () => {
  it('shows the secret once, rotates it, edits and removes the endpoint', async () => {
    const [hook] = await admin.call(routes.listWebhooks);
    expect(hook).toMatchObject({ url: receiver.url, events: ['new_order'], enabled: true });
    expect(hook!.secretHint).toBe(`…${secret.slice(-4)}`);
    expect(hook).not.toHaveProperty('secret');
    const rotated = await admin.call(routes.updateWebhook, {
      params: { id: hook!.id },
      body: { rotateSecret: true, enabled: false },
    });
    expect(rotated.secret).toMatch(/^[\w-]{40,}$/);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.enabled).toBe(false);
    const bad = await problemOf(admin.call(routes.createWebhook, { body: { url: 'ftp://example.test/x' } }));
    expect(bad.fields?.[0]?.field).toBe('body.url');
    await admin.call(routes.deleteWebhook, { params: { id: hook!.id } });
    expect(await admin.call(routes.listWebhooks)).toEqual([]);
    expect(await problemOf(clerk.call(routes.listWebhooks))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

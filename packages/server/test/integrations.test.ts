import net from 'node:net';
import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/notifications/webhook.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { startReceiver, startSmtp } from './receivers.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let clerk: ApiClient; // coordinator of store A: no channels.manage
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hookKey = '';
let secret = '';
const closers: (() => Promise<void>)[] = [];

/** A TCP port nothing listens on: connecting to it is refused. */
async function refusedPort() {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A server that accepts connections and says `greeting` or nothing (a wedged SMTP server). */
async function silentServer(greeting?: string) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    if (greeting) sock.write(greeting);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const sock of sockets) sock.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return (server.address() as net.AddressInfo).port;
}

const test = (key: string, client = admin) => client.call(routes.testIntegration, { params: { id: key } });
const find = async (key: string) => (await admin.call(routes.listIntegrations)).find((i) => i.key === key)!;

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = await startSmtp();
  s = await startTestServer({
    env: {
      LOGIN_IP_LIMIT: '1000',
      SMTP_URL: smtp.url.replace('smtp://', 'smtp://mailer:hunter2@'),
      WEBHOOK_TIMEOUT_MS: '1000',
    },
  });
  // the fake accepts no AUTH: the ok path connects without credentials (set per test below)
  s.config.notify.smtpUrl = smtp.url;
  biz = await makeBusiness(s.database.db, 'b2b');
  const u = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
  admin = await s.loginToken(u.username, PASSWORD);
  const c = await makeUser(s.database.db, biz, [
    { role: 'coordinator', scope: 'store', storeId: biz.storeA },
  ]);
  clerk = await s.loginToken(c.username, PASSWORD);
  const hook = await admin.call(routes.createWebhook, {
    body: { url: receiver.url, events: ['new_order'], description: 'ERP bridge' },
  });
  hookKey = hook.id;
  secret = hook.secret!;
}, 60_000);
afterAll(async () => {
  for (const close of closers) await close();
  await s.close();
  await receiver.close();
  await smtp.close();
});

describe('the integrations list', () => {
  it('lists email, each webhook and the ERP push with credentials masked', async () => {
    s.config.notify.smtpUrl = smtp.url.replace('smtp://', 'smtp://mailer:hunter2@');
    const list = await admin.call(routes.listIntegrations);
    s.config.notify.smtpUrl = smtp.url;
    expect(list.map((i) => i.kind)).toEqual(['email', 'webhook', 'erp']);
    const email = list[0]!;
    expect(email).toMatchObject({ key: 'email', configured: true, lastTest: null });
    expect(email.target).toMatch(/^smtp:\/\/mailer:\*\*\*@127\.0\.0\.1:\d+$/);
    expect(JSON.stringify(list)).not.toContain('hunter2');
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(list[1]).toMatchObject({ key: hookKey, target: receiver.url, description: 'ERP bridge' });
    expect(list[2]).toMatchObject({ key: 'erp', configured: false, target: null });
  });

  it('is for whoever manages channels over the whole business', async () => {
    expect((await problemOf(clerk.call(routes.listIntegrations))).status).toBe(403);
    expect((await problemOf(test('email', clerk))).status).toBe(403);
  });

  it('answers an unknown key with a problem, and a malformed one with a validation problem', async () => {
    const p = await problemOf(test('00000000-0000-7000-8000-000000000000'));
    expect([p.status, p.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await problemOf(test('webhook-not-an-id'));
    expect([bad.status, bad.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('testing email', () => {
  it('greets a working SMTP server without sending anything', async () => {
    const r = await test('email');
    expect(r).toMatchObject({ outcome: 'ok', httpStatus: null });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it('reports a refused connection', async () => {
    s.config.notify.smtpUrl = `smtp://127.0.0.1:${await refusedPort()}`;
    const r = await test('email');
    s.config.notify.smtpUrl = smtp.url;
    expect(r.outcome).toBe('failed');
    expect(r.detail).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a server that never greets', async () => {
    s.config.notify.smtpUrl = `smtp://127.0.0.1:${await silentServer()}`;
    const r = await test('email');
    s.config.notify.smtpUrl = smtp.url;
    expect(r.outcome).toBe('failed');
    expect(r.detail).toMatch(/greeting never received|timeout/i);
  });

  it('reports a server that refuses service with its reply', async () => {
    s.config.notify.smtpUrl = `smtp://127.0.0.1:${await silentServer('554 5.3.2 no service today\r\n')}`;
    const r = await test('email');
    s.config.notify.smtpUrl = smtp.url;
    expect(r.outcome).toBe('failed');
    expect(r.detail).toMatch(/554/);
  });

  it('says so when no SMTP server is configured', async () => {
    s.config.notify.smtpUrl = undefined;
    const r = await test('email');
    expect((await find('email')).configured).toBe(false);
    s.config.notify.smtpUrl = smtp.url;
    expect(r).toMatchObject({ outcome: 'not_configured', latencyMs: null });
  });
});

describe('testing a webhook', () => {
  it('POSTs a ping signed like a real delivery and reports the status', async () => {
    const before = receiver.received.length;
    const r = await test(hookKey);
    expect(r).toMatchObject({ outcome: 'ok', httpStatus: 200 });
    const [ping] = receiver.received.slice(before);
    expect(ping!.headers['x-orderloop-event']).toBe('ping');
    expect(JSON.parse(ping!.body)).toMatchObject({ event: 'ping', businessId: biz.id, order: null });
    const signed = verifyWebhook(
      secret,
      {
        timestamp: String(ping!.headers['x-orderloop-timestamp']),
        signature: String(ping!.headers['x-orderloop-signature']),
      },
      ping!.body,
      Number(ping!.headers['x-orderloop-timestamp']),
    );
    expect(signed).toBe(true);
  });

  it('reports a wrong status as a failure, with the status', async () => {
    receiver.state.script = [503];
    const r = await test(hookKey);
    expect(r).toMatchObject({ outcome: 'failed', httpStatus: 503 });
    expect(r.detail).toContain('503');
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.state.delayMs = 1500; // the test server waits 1 s
    const r = await test(hookKey);
    receiver.state.delayMs = 0;
    expect(r).toMatchObject({ outcome: 'failed', httpStatus: null });
    expect(r.detail).toMatch(/no answer within 1000 ms/);
  });

  it('reports a refused connection', async () => {
    const hook = await admin.call(routes.createWebhook, {
      body: { url: `http://127.0.0.1:${await refusedPort()}/hook` },
    });
    const r = await test(hook.id);
    expect(r.outcome).toBe('failed');
    expect(r.detail).toMatch(/ECONNREFUSED/);
    await admin.call(routes.deleteWebhook, { params: { id: hook.id } });
  });

  it('keeps to the SSRF rule: no private address when private webhooks are not allowed', async () => {
    const before = receiver.received.length;
    s.config.notify.webhookAllowPrivate = false;
    const r = await test(hookKey);
    s.config.notify.webhookAllowPrivate = true;
    expect(r.outcome).toBe('failed');
    expect(r.detail).toMatch(/private address/);
    expect(receiver.received.length).toBe(before);
  });
});

describe('the record of tests', () => {
  it('shows the latest result in the list and writes an audit entry per test', async () => {
    receiver.state.script = [418];
    await test(hookKey);
    const last = (await find(hookKey)).lastTest!;
    expect(last).toMatchObject({ outcome: 'failed', httpStatus: 418 });
    expect(last.testedAt).toMatch(/^\d{4}-/);
    await test(hookKey);
    expect((await find(hookKey)).lastTest).toMatchObject({ outcome: 'ok', httpStatus: 200 });
    const audit = await admin.call(routes.listAudit, {
      query: { entityType: 'integration', entityId: hookKey },
    });
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
    expect(audit.items[0]).toMatchObject({ action: 'integration.tested' });
    expect(audit.items[0]!.changes.outcome).toEqual({ before: null, after: 'ok' });
  });

  it('tells the truth about the ERP push: there is no connector yet', async () => {
    const r = await test('erp');
    expect(r).toMatchObject({ outcome: 'not_configured', latencyMs: null });
    expect(r.detail).toMatch(/no ERP connector/);
  });
});

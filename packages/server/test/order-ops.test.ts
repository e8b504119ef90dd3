import { type ApiClient, createClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { statusOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// What the console's list, board and order timeline read beyond the order itself.
let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient & { token: string };
let coordA: ApiClient & { token: string };
let coordB: ApiClient & { token: string };
let skuId = '';

const inLocale = (c: { token: string }, locale: 'en' | 'ja' | 'zh-CN') =>
  createClient({ baseUrl: s.url, token: () => c.token, locale: () => locale });
const order = (by: ApiClient, storeId = biz.storeA) =>
  by.call(routes.createOrder, { body: { storeId, fulfilment: 'pickup', lines: [{ skuId, quantity: 1 }] } });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db, 'b2b');
  const login = async (role: string, scope: 'store' | 'all', storeId?: string) =>
    s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);
  admin = await login('admin', 'all');
  coordA = await login('coordinator', 'store', biz.storeA);
  coordB = await login('coordinator', 'store', biz.storeB);
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Bolt', skus: [{ code: 'B-1', price: 500 }] },
  });
  skuId = p.skus[0]!.id;
}, 60_000);
afterAll(() => s.close());

describe('order list summary', () => {
  it("carries the state's localized name, the stage, the SLA due time and whether it is overdue", async () => {
    const created = await order(coordA);
    const o = await coordA.call(routes.getOrder, { params: { id: created.id } });
    const find = async (c: ApiClient) =>
      (await c.call(routes.listOrders, { query: { limit: 50 } })).items.find((x) => x.id === o.id)!;
    const zh = await find(inLocale(coordA, 'zh-CN'));
    expect(zh).toMatchObject({ state: 'submitted', stateName: '已提交', overdue: false, stage: null });
    expect(zh.workflowId).toBe(o.workflow!.workflowId);
    expect(zh.dueAt).toBe(o.workflow!.dueAt);
    expect(new Date(zh.dueAt!).getTime() - new Date(zh.stateEnteredAt!).getTime()).toBe(240 * 60_000);
    expect((await find(inLocale(coordA, 'en'))).stateName).toBe('Submitted');
    expect((await find(inLocale(coordA, 'ja'))).stateName).toBe('提出済み');

    s.clock.advance(241 * 60_000); // past the 4-hour SLA of "submitted"
    expect((await find(coordA)).overdue).toBe(true);

    // a reported stage shows in the list
    for (const action of ['review', 'approve', 'start_production'])
      await admin.call(routes.transitionOrder, { params: { id: o.id }, body: { action } });
    await admin.call(routes.transitionOrder, {
      params: { id: o.id },
      body: { action: 'report_stage', input: { stage: 'assembly' } },
    });
    const now = await find(inLocale(coordA, 'en'));
    expect(now).toMatchObject({ state: 'in_production', stateName: 'In production', stage: 'assembly' });
    expect(now.overdue).toBe(false);
    expect(now.lines).toBeUndefined();
  });

  it('carries the first lines of each order when a board asks for them', async () => {
    const o = await coordA.call(routes.createOrder, {
      body: { storeId: biz.storeA, fulfilment: 'pickup', lines: [{ skuId, quantity: 3 }] },
    });
    const page = await coordA.call(routes.listOrders, { query: { limit: 5, withLines: 'true' } });
    const mine = page.items.find((x) => x.id === o.id)!;
    expect(mine.lines).toEqual([{ productName: 'Bolt', skuLabel: '', modifiersLabel: '', quantity: 3 }]);
    expect(page.items.every((x) => x.lines && x.lines.length === x.lineCount)).toBe(true);
  });
});

describe("an order's deliveries", () => {
  it('lists the notices about one order to whoever can read it, errors only to outbox managers', async () => {
    const o = await order(coordA);
    const other = await order(coordA);
    await deliverOutbox(s.deps());
    const mine = await coordA.call(routes.listOrderDeliveries, { params: { id: o.id } });
    // the B2B "submitted" state tells the store's staff in the app and by webhook (none configured: skipped)
    expect(mine.map((d) => [d.event, d.channel]).sort()).toEqual([
      ['new_order', 'in_app'],
      ['new_order', 'webhook'],
    ]);
    expect(mine.every((d) => d.orderId === o.id && d.orderNumber === o.number)).toBe(true);
    const webhook = mine.find((d) => d.channel === 'webhook')!;
    expect(webhook.status).toBe('skipped');
    expect(webhook.lastError).toBeNull();
    const asAdmin = await admin.call(routes.listOrderDeliveries, { params: { id: o.id } });
    expect(asAdmin.find((d) => d.channel === 'webhook')!.lastError).toBeTruthy();
    // only this order's
    const others = await coordA.call(routes.listOrderDeliveries, { params: { id: other.id } });
    expect(others.map((d) => d.id).some((id) => mine.some((m) => m.id === id))).toBe(false);

    // out of scope: as if it did not exist, like the order itself
    expect(await statusOf(coordB.call(routes.listOrderDeliveries, { params: { id: o.id } }))).toBe(
      await statusOf(coordB.call(routes.getOrder, { params: { id: o.id } })),
    );
    expect(
      await statusOf(
        coordA.call(routes.listOrderDeliveries, { params: { id: '00000000-0000-7000-8000-000000000000' } }),
      ),
    ).toBe(404);
  });
});

import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../src/notifications/templates.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let coord: ApiClient;

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db, 'restaurant');
  const login = async (role: string, scope: 'store' | 'all') =>
    s.loginToken(
      (await makeUser(s.database.db, biz, [{ role, scope, storeId: biz.storeA }])).username,
      PASSWORD,
    );
  admin = await login('admin', 'all');
  coord = await login('coordinator', 'store');
}, 60_000);
afterAll(() => s.close());

describe('GET /api/notification-templates', () => {
  it('lists every template in the request language', async () => {
    const en = await admin.call(routes.listNotificationTemplates, { headers: { 'accept-language': 'en' } });
    expect(en.map((x) => x.event).sort()).toEqual(Object.keys(templates).sort());
    expect(en.find((x) => x.event === 'new_order')).toEqual({
      event: 'new_order',
      title: 'New order {number}',
      body: templates.new_order!.en.body,
      builtIn: templates.new_order,
    });
    const ja = await admin.call(routes.listNotificationTemplates, { headers: { 'accept-language': 'ja' } });
    expect(ja.find((x) => x.event === 'new_order')?.title).toBe(templates.new_order!.ja.title);
  });

  it('is for those who manage channels', async () => {
    expect((await problemOf(coord.call(routes.listNotificationTemplates))).status).toBe(403);
  });
});

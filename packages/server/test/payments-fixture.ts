import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll } from 'vitest';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

export let s: TestServer;
export let biz: TestBusiness;
export type Client = ApiClient & { token: string };
export const c = {} as Record<
  'admin' | 'cashierA' | 'cashierA2' | 'cashierB' | 'productionA' | 'otherAdmin',
  Client
>;
export let skuId = '';

export type Method = 'cash' | 'card' | 'bank_transfer' | 'wechat_offline' | 'alipay_offline' | 'other';
export const pay = (
  client: ApiClient,
  orderId: string,
  amount: number,
  more: { kind?: 'payment' | 'refund'; method?: Method; reference?: string; key?: string } = {},
) =>
  client.call(routes.recordPayment, {
    params: { id: orderId },
    body: { kind: more.kind ?? 'payment', method: more.method ?? 'cash', amount, reference: more.reference },
    idempotencyKey: more.key,
  });
export const refund = (client: ApiClient, orderId: string, amount: number) =>
  pay(client, orderId, amount, { kind: 'refund' });
export const voidIt = (client: ApiClient, orderId: string, paymentId: string, reason = 'Keyed in twice') =>
  client.call(routes.voidPayment, { params: { id: orderId, paymentId }, body: { reason } });
export const order = (id: string) => c.admin.call(routes.getOrder, { params: { id } });
export const newOrder = async (storeId = biz.storeA, quantity = 2) =>
  c.admin.call(routes.createOrder, {
    body: { storeId, fulfilment: 'pickup', lines: [{ skuId, quantity }] },
  });

/** Registers the shared server, business, cashiers and product for the file that calls it. */
export function usePaymentsFixture() {
  beforeAll(async () => {
    s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
    const db = s.database.db;
    biz = await makeBusiness(db);
    const login = async (grants: Parameters<typeof makeUser>[2]) =>
      s.loginToken((await makeUser(db, biz, grants)).username, PASSWORD);
    c.admin = await login([{ role: 'admin', scope: 'all' }]);
    c.cashierA = await login([{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    c.cashierA2 = await login([{ role: 'cashier', scope: 'store', storeId: biz.storeA }]);
    c.cashierB = await login([{ role: 'cashier', scope: 'store', storeId: biz.storeB }]);
    c.productionA = await login([{ role: 'production', scope: 'store', storeId: biz.storeA }]);
    const other = await makeBusiness(db);
    c.otherAdmin = await s.loginToken(
      (await makeUser(db, other, [{ role: 'admin', scope: 'all' }])).username,
      PASSWORD,
    );
    const p = await c.admin.call(routes.createProduct, {
      body: { name: 'Oak desk', skus: [{ code: 'DESK-1', price: 50_000 }] },
    });
    skuId = p.skus[0]!.id;
  }, 60_000);
  afterAll(() => s.close());
}

import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll } from 'vitest';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// Complaints, returns and refund requests: filing (customer, staff), the small workflow with its
// guards, assignment, responses, the SLA timer, refund decisions, photos, scope and notices.
export let s: TestServer;
export let biz: TestBusiness;
export type Client = ApiClient & { token: string };
export const c = {} as Record<
  'admin' | 'svcA' | 'svcA2' | 'svcB' | 'coordA' | 'approver' | 'otherAdmin',
  Client
>;
export const ids = {} as Record<string, string>;
export let cust1: Client;
export let cust2: Client;

export const fileAsCustomer = (
  client: ApiClient,
  orderId: string,
  description = 'The soup was cold',
  key?: string,
) =>
  client.call(routes.customerFileComplaint, {
    params: { id: orderId },
    body: { kind: 'complaint', description },
    idempotencyKey: key,
  });
export const fileAsStaff = (
  client: ApiClient,
  orderId: string,
  kind: 'complaint' | 'return' | 'refund' = 'return',
) =>
  client.call(routes.fileComplaint, { params: { id: orderId }, body: { kind, description: 'Broken leg' } });
export const act = (
  client: ApiClient,
  id: string,
  action: 'start' | 'resolve' | 'close' | 'reopen',
  v: number,
  comment?: string,
) =>
  client.call(routes.transitionComplaint, { params: { id }, body: { action, expectedVersion: v, comment } });
export const custAct = (
  client: ApiClient,
  id: string,
  action: 'start' | 'resolve' | 'close' | 'reopen',
  v: number,
) =>
  client.call(routes.customerTransitionComplaint, { params: { id }, body: { action, expectedVersion: v } });

/** Registers the shared server, business, users and orders for the file that calls it. */
export function useComplaintsFixture() {
  beforeAll(async () => {
    s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
    const db = s.database.db;
    biz = await makeBusiness(db);
    const login = async (grants: Parameters<typeof makeUser>[2]) => {
      const u = await makeUser(db, biz, grants);
      ids[`user:${u.username}`] = u.id;
      return Object.assign(await s.loginToken(u.username, PASSWORD), { userId: u.id });
    };
    c.admin = await login([{ role: 'admin', scope: 'all' }]);
    const svcA = await login([{ role: 'customer_service', scope: 'store', storeId: biz.storeA }]);
    const svcA2 = await login([{ role: 'customer_service', scope: 'store', storeId: biz.storeA }]);
    const svcB = await login([{ role: 'customer_service', scope: 'store', storeId: biz.storeB }]);
    const coordA = await login([{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]);
    const approver = await login([{ role: 'approver', scope: 'all' }]);
    Object.assign(c, { svcA, svcA2, svcB, coordA, approver });
    ids.svcA = svcA.userId;
    ids.svcA2 = svcA2.userId;
    ids.svcB = svcB.userId;
    ids.coordA = coordA.userId;
    const other = await makeBusiness(db);
    c.otherAdmin = await s.loginToken(
      (await makeUser(db, other, [{ role: 'admin', scope: 'all' }])).username,
      PASSWORD,
    );
    const p = await c.admin.call(routes.createProduct, {
      body: { name: 'Oak desk', skus: [{ code: 'DESK-1', price: 50_000 }] },
    });
    const order = (storeId: string) => ({
      storeId,
      fulfilment: 'pickup' as const,
      lines: [{ skuId: p.skus[0]!.id, quantity: 2 }],
    });
    ids.orderA = (await c.admin.call(routes.createOrder, { body: order(biz.storeA) })).id;
    ids.orderB = (await c.admin.call(routes.createOrder, { body: order(biz.storeB) })).id;
    cust1 = await s.loginCustomer(biz.slug, '13900000001');
    cust2 = await s.loginCustomer(biz.slug, '13900000002');
    const mine = (client: ApiClient, key: string) =>
      client.call(routes.customerCreateOrder, { body: order(biz.storeA), idempotencyKey: key });
    ids.custOrder1 = (await mine(cust1, 'complaint-order-1')).id;
    ids.custOrder2 = (await mine(cust2, 'complaint-order-2')).id;
  }, 60_000);
  afterAll(() => s.close());
}

import { type ApiClient, routes } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIncidents } from '../src/db/exceptions-schema.ts';
import { notifications } from '../src/db/notify-schema.ts';
import { outbox } from '../src/db/workflow-schema.ts';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { statusOf } from './expect-problem.ts';
import { makeBusiness, makeCustomer, makeRole, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { allRoutes, send } from './route-helpers.ts';

let s: TestServer;
let x: TestBusiness; // the business under test
let y: TestBusiness; // another tenant on the same deployment
const c: Record<string, ApiClient & { token: string }> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '10000' } });
  const db = s.database.db;
  x = await makeBusiness(db);
  y = await makeBusiness(db);
  const users = {
    adminX: await makeUser(db, x, [{ role: 'admin', scope: 'all' }]),
    adminY: await makeUser(db, y, [{ role: 'admin', scope: 'all' }]),
    coordA: await makeUser(db, x, [{ role: 'coordinator', scope: 'store', storeId: x.storeA }]),
    coordB: await makeUser(db, x, [{ role: 'coordinator', scope: 'store', storeId: x.storeB }]),
    rep1: await makeUser(db, x, [{ role: 'sales_rep', scope: 'own', storeId: x.storeA }]),
    rep2: await makeUser(db, x, [{ role: 'sales_rep', scope: 'own', storeId: x.storeA }]),
    // a store manager who may manage users and grants, in store A only
    managerA: await makeUser(db, x, [
      {
        role: await makeRole(db, x, [
          'users.read',
          'users.manage',
          'roles.manage',
          'audit.read',
          'stores.read',
          'customers.read',
          'orders.read',
        ]),
        scope: 'store',
        storeId: x.storeA,
      },
    ]),
  };
  for (const [k, u] of Object.entries(users)) {
    ids[k] = u.id;
    c[k] = await s.loginToken(u.username, PASSWORD);
  }
  ids.custA1 = await makeCustomer(db, x, {
    storeId: x.storeA,
    salesRepId: users.rep1.id,
    name: 'A1 of rep1',
  });
  ids.custA2 = await makeCustomer(db, x, {
    storeId: x.storeA,
    salesRepId: users.rep2.id,
    name: 'A2 of rep2',
  });
  ids.custB = await makeCustomer(db, x, { storeId: x.storeB, name: 'B1' });
  ids.custY = await makeCustomer(db, y, { storeId: y.storeA, name: 'Y1' });
  const cat = await c.adminX!.call(routes.createCategory, { body: { name: 'X category' } });
  ids.category = cat.id;
  ids.product = (
    await c.adminX!.call(routes.createProduct, {
      body: { name: 'X product', categoryId: cat.id, skus: [{ code: 'X-1', price: 100 }] },
    })
  ).id;
  ids.priceList = (await c.adminX!.call(routes.createPriceList, { body: { name: 'X list', items: [] } })).id;
  const skuId = (await c.adminX!.call(routes.getProduct, { params: { id: ids.product } })).skus[0]!.id;
  const order = (storeId: string) => ({
    storeId,
    fulfilment: 'pickup' as const,
    lines: [{ skuId, quantity: 1 }],
  });
  ids.orderA = (await c.adminX!.call(routes.createOrder, { body: order(x.storeA) })).id;
  ids.orderB = (await c.adminX!.call(routes.createOrder, { body: order(x.storeB) })).id;
  ids.orderRep1 = (await c.rep1!.call(routes.createOrder, { body: order(x.storeA) })).id;
  ids.workflow = (await c.adminX!.call(routes.listWorkflows)).items[0]!.id;
  // a manual price always needs approval: an approval of business X
  const overridden = await c.adminX!.call(routes.createOrder, {
    body: { ...order(x.storeA), lines: [{ skuId, quantity: 1, overridePrice: 50 }] },
  });
  ids.approval = (await c.adminX!.call(routes.getOrder, { params: { id: overridden.id } })).workflow!
    .approval!.id;
  ids.attachment = (
    await c.adminX!.call(routes.uploadOrderAttachment, {
      params: { id: ids.orderA },
      file: { data: Buffer.from('%PDF-1.4\n%%EOF\n'), filename: 'x.pdf' },
    })
  ).id;
  ids.exportJob = (
    await c.adminX!.call(routes.createOrderExport, { body: { format: 'csv', columns: ['number'] } })
  ).id;
  ids.savedView = (await c.adminX!.call(routes.createSavedView, { body: { name: 'X view' } })).id;
  ids.webhook = (
    await c.adminX!.call(routes.createWebhook, { body: { url: 'https://erp.example.test/hook' } })
  ).id;
  ids.complaint = (
    await c.adminX!.call(routes.fileComplaint, {
      params: { id: ids.orderA },
      body: { kind: 'complaint', description: 'X complaint' },
    })
  ).id;
  await deliverOutbox(s.deps());
  const [notice] = await db.select().from(notifications).where(eq(notifications.businessId, x.id));
  ids.notification = notice!.id;
  const [delivery] = await db.select().from(outbox).where(eq(outbox.businessId, x.id));
  ids.delivery = delivery!.id;
  ids.incident = crypto.randomUUID();
  await db.insert(orderIncidents).values({
    id: ids.incident,
    businessId: x.id,
    storeId: x.storeA,
    kind: 'out_of_stock_at_submission',
    createdAt: new Date(),
  });
}, 60_000);
afterAll(() => s.close());

describe('store scope', () => {
  it('lists only the records of my store', async () => {
    const list = await c.coordA!.call(routes.listCustomers, { query: {} });
    expect(list.items.map((i) => i.name).sort()).toEqual(['A1 of rep1', 'A2 of rep2']);
    expect((await c.coordA!.call(routes.listStores)).map((st) => st.id)).toEqual([x.storeA]);
  });

  it('cannot read or change a record of another store', async () => {
    expect(await statusOf(c.coordA!.call(routes.getCustomer, { params: { id: ids.custB! } }))).toBe(403);
    expect(
      await statusOf(
        c.coordA!.call(routes.updateCustomer, { params: { id: ids.custB! }, body: { name: 'hijacked' } }),
      ),
    ).toBe(403);
    expect(await statusOf(c.coordA!.call(routes.getStore, { params: { id: x.storeB } }))).toBe(403);
    expect((await c.adminX!.call(routes.getCustomer, { params: { id: ids.custB! } })).name).toBe('B1');
  });

  it('cannot create in, or move a record to, another store', async () => {
    expect(
      await statusOf(
        c.coordA!.call(routes.createCustomer, { body: { name: 'New in B', storeId: x.storeB } }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        c.coordA!.call(routes.updateCustomer, { params: { id: ids.custA1! }, body: { storeId: x.storeB } }),
      ),
    ).toBe(403);
    const made = await c.coordA!.call(routes.createCustomer, {
      body: { name: 'New in A', storeId: x.storeA },
    });
    expect(made.storeId).toBe(x.storeA);
  });

  it('a store manager sees and manages only the users of their store', async () => {
    const seen = (await c.managerA!.call(routes.listUsers, { query: {} })).items.map((u) => u.id);
    expect(seen).toEqual(expect.arrayContaining([ids.coordA, ids.rep1, ids.rep2, ids.managerA]));
    expect(seen).not.toContain(ids.coordB);
    expect(seen).not.toContain(ids.adminX);
    expect(await statusOf(c.managerA!.call(routes.getUser, { params: { id: ids.coordB! } }))).toBe(403);
    expect(
      await statusOf(
        c.managerA!.call(routes.updateUser, { params: { id: ids.coordB! }, body: { displayName: 'x' } }),
      ),
    ).toBe(403);
    expect(await statusOf(c.managerA!.call(routes.revokeUserSessions, { params: { id: ids.coordB! } }))).toBe(
      403,
    );
  });

  it('a store manager cannot grant beyond their store or their own permissions', async () => {
    const body = (roleId: string, scope: 'all' | 'store', storeId?: string) => ({
      username: `new-${Math.random().toString(36).slice(2, 8)}`,
      displayName: 'New',
      password: 'long-enough-pw',
      grants: [{ roleId, scope, storeId }],
    });
    expect(
      await statusOf(
        c.managerA!.call(routes.createUser, { body: body(x.roleIds.coordinator, 'store', x.storeB) }),
      ),
    ).toBe(403);
    expect(
      await statusOf(c.managerA!.call(routes.createUser, { body: body(x.roleIds.admin, 'store', x.storeA) })),
    ).toBe(403);
    expect(
      await statusOf(c.managerA!.call(routes.createUser, { body: body(x.roleIds.leadership, 'all') })),
    ).toBe(403);
    expect(
      await statusOf(
        c.managerA!.call(routes.setUserGrants, {
          params: { id: ids.rep1! },
          body: { grants: [{ roleId: x.roleIds.admin, scope: 'all' }] },
        }),
      ),
    ).toBe(403);
  });

  it('audit entries follow the store scope', async () => {
    await c.adminX!.call(routes.updateStore, { params: { id: x.storeB }, body: { name: 'Store B renamed' } });
    await c.adminX!.call(routes.updateStore, { params: { id: x.storeA }, body: { name: 'Store A renamed' } });
    const entries = (await c.managerA!.call(routes.listAudit, { query: { entityType: 'store' } })).items;
    expect(entries.map((e) => e.entityId)).toEqual([x.storeA]);
  });
});

describe('orders by scope', () => {
  it('store staff read orders of their store only', async () => {
    expect((await c.coordA!.call(routes.getOrder, { params: { id: ids.orderA! } })).storeId).toBe(x.storeA);
    expect(await statusOf(c.coordA!.call(routes.getOrder, { params: { id: ids.orderB! } }))).toBe(403);
  });
  it('a sales rep reads only their own orders', async () => {
    expect((await c.rep1!.call(routes.getOrder, { params: { id: ids.orderRep1! } })).salesRepId).toBe(
      ids.rep1,
    );
    expect(await statusOf(c.rep1!.call(routes.getOrder, { params: { id: ids.orderA! } }))).toBe(403);
    expect(await statusOf(c.rep2!.call(routes.getOrder, { params: { id: ids.orderRep1! } }))).toBe(403);
  });
});

describe('own scope', () => {
  it('a sales rep sees only their own accounts', async () => {
    const list = await c.rep1!.call(routes.listCustomers, { query: {} });
    expect(list.items.map((i) => i.id)).toEqual([ids.custA1]);
    expect(await statusOf(c.rep1!.call(routes.getCustomer, { params: { id: ids.custA2! } }))).toBe(403);
    expect(
      await statusOf(
        c.rep1!.call(routes.updateCustomer, { params: { id: ids.custA2! }, body: { name: 'mine now' } }),
      ),
    ).toBe(403);
  });

  it('a sales rep cannot hand an account to someone else or create one for a colleague', async () => {
    expect(
      await statusOf(
        c.rep1!.call(routes.updateCustomer, { params: { id: ids.custA1! }, body: { salesRepId: ids.rep2! } }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        c.rep1!.call(routes.createCustomer, { body: { name: 'For rep2', salesRepId: ids.rep2! } }),
      ),
    ).toBe(403);
  });

  it("a sales rep's new account is theirs", async () => {
    const made = await c.rep1!.call(routes.createCustomer, { body: { name: 'Fresh lead' } });
    expect(made.salesRepId).toBe(ids.rep1);
    expect((await c.rep1!.call(routes.listCustomers, { query: { q: 'Fresh lead' } })).items).toHaveLength(1);
  });
});

describe('tenant isolation', () => {
  it("lists never show another business's rows", async () => {
    const custs = (await c.adminY!.call(routes.listCustomers, { query: {} })).items.map((i) => i.id);
    expect(custs).toEqual([ids.custY]);
    const users = (await c.adminY!.call(routes.listUsers, { query: {} })).items.map((u) => u.id);
    expect(users).toEqual([ids.adminY]);
    expect((await c.adminY!.call(routes.listStores)).map((st) => st.id).sort()).toEqual(
      [y.storeA, y.storeB].sort(),
    );
    expect(
      (await c.adminY!.call(routes.listRoles)).every((r) => !Object.values(x.roleIds).includes(r.id)),
    ).toBe(true);
    const audit = (await c.adminY!.call(routes.listAudit, { query: {} })).items;
    expect(audit.some((e) => e.entityId === x.storeA || e.entityId === x.storeB)).toBe(false);
  });

  // Generated: every route addressing a record by id, fed an id from the other business, answers 404.
  const fixtureFor: Record<string, () => string> = {
    updateCategory: () => ids.category!,
    getProduct: () => ids.product!,
    updateProduct: () => ids.product!,
    setSoldOut: () => ids.product!,
    updatePriceList: () => ids.priceList!,
    getOrder: () => ids.orderA!,
    transitionOrder: () => ids.orderA!,
    editOrder: () => ids.orderA!,
    getWorkflow: () => ids.workflow!,
    decideApproval: () => ids.approval!,
    markNotificationRead: () => ids.notification!,
    retryDelivery: () => ids.delivery!,
    updateIncident: () => ids.incident!,
    channels: () => ids.webhook!,
    users: () => ids.coordA!,
    roles: () => x.roleIds.cashier,
    stores: () => x.storeA,
    customers: () => ids.custA1!,
    listOrderAttachments: () => ids.orderA!,
    uploadOrderAttachment: () => ids.orderA!,
    listProductAttachments: () => ids.product!,
    uploadProductAttachment: () => ids.product!,
    attachments: () => ids.attachment!,
    exports: () => ids.exportJob!,
    'saved-views': () => ids.savedView!,
    complaints: () => ids.complaint!,
    fileComplaint: () => ids.orderA!,
    listOrderComplaints: () => ids.orderA!,
    listOrderDeliveries: () => ids.orderA!,
    payments: () => ids.orderA!, // voidPayment's payment id is the same: the order is refused first
  };
  const validBody: Record<string, string> = {
    setUserGrants: '{"grants":[]}',
    setSoldOut: JSON.stringify({ storeId: '', soldOut: true }),
    updatePriceList: '{"name":"stolen","items":[]}',
    transitionOrder: '{"action":"review"}',
    editOrder: '{"expectedVersion":1,"notes":"stolen"}',
    decideApproval: '{"decision":"approve"}',
    updateWebhook: '{"enabled":false}',
    fileComplaint: '{"kind":"complaint","description":"stolen"}',
    transitionComplaint: '{"action":"start","expectedVersion":1}',
    assignComplaint: '{"assigneeId":null,"expectedVersion":1}',
    respondComplaint: '{"body":"stolen","visibility":"internal"}',
    decideRefund: '{"amount":1,"expectedVersion":1}',
    updateIncident: '{"status":"resolved"}',
    recordPayment: '{"kind":"payment","method":"cash","amount":1}',
    voidPayment: '{"reason":"stolen"}',
  };
  const byId = allRoutes.filter(([, r]) => r.params && r.access.kind === 'staff');
  it.each(byId)('%s cannot reach a record of another business', async (key, route) => {
    const id = (fixtureFor[key] ?? fixtureFor[route.tag])?.();
    expect(id, `no isolation fixture for ${key} (tag "${route.tag}"): add one`).toBeDefined();
    const body = validBody[key]?.replace('"storeId":""', `"storeId":"${y.storeA}"`);
    const r = await send(s.url, route, { token: c.adminY!.token, param: id!, body });
    expect([r.status, r.json.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('a client cannot choose the business or id of what it creates', async () => {
    const made = await c.adminY!.call(routes.createCustomer, {
      body: {
        name: 'Mass assignment',
        businessId: x.id,
        id: ids.custA1,
        createdAt: '2000-01-01T00:00:00Z',
      } as never,
    });
    expect(made.id).not.toBe(ids.custA1);
    expect(made.createdAt.startsWith('2000')).toBe(false);
    expect(await statusOf(c.adminX!.call(routes.getCustomer, { params: { id: made.id } }))).toBe(404);
  });

  it('references into another business are refused', async () => {
    expect(
      await statusOf(c.adminY!.call(routes.createCustomer, { body: { name: 'Bad ref', storeId: x.storeA } })),
    ).toBe(404);
    expect(
      await statusOf(
        c.adminY!.call(routes.createCustomer, { body: { name: 'Bad rep', salesRepId: ids.rep1! } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        c.adminY!.call(routes.createUser, {
          body: {
            username: 'cross-grant',
            displayName: 'x',
            password: 'long-enough-pw',
            grants: [{ roleId: x.roleIds.admin, scope: 'all' }],
          },
        }),
      ),
    ).toBe(404);
  });
});

import { type ApiClient, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let owner: ApiClient; // coordinator in store A
let colleague: ApiClient; // coordinator in store B: same role
let cashier: ApiClient; // another role
let stranger: ApiClient; // admin of another business
let strangerRole = '';

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db);
  const other = await makeBusiness(db);
  strangerRole = other.roleIds.coordinator;
  const login = async (b: TestBusiness, role: string, storeId: string | null) =>
    s.loginToken(
      (await makeUser(db, b, [{ role, scope: storeId ? 'store' : 'all', storeId }])).username,
      PASSWORD,
    );
  owner = await login(biz, 'coordinator', biz.storeA);
  colleague = await login(biz, 'coordinator', biz.storeB);
  cashier = await login(biz, 'cashier', biz.storeA);
  stranger = await login(other, 'admin', null);
});
afterAll(() => s.close());

const names = async (c: ApiClient) => (await c.call(routes.listSavedViews)).map((v) => v.name).sort();

describe('saved views', () => {
  it('saves a named filter, columns and sort, for its owner only until shared', async () => {
    const view = await owner.call(routes.createSavedView, {
      body: {
        name: '待发货 VIP',
        filter: { state: ['submitted'], tag: 'vip', totalMin: 10000, storeId: biz.storeA },
        columns: ['number', 'customer', 'total', 'custom.colour'],
        sort: '-total',
      },
    });
    expect(view).toMatchObject({
      name: '待发货 VIP',
      filter: { state: ['submitted'], tag: 'vip', totalMin: 10000, storeId: biz.storeA },
      columns: ['number', 'customer', 'total', 'custom.colour'],
      sort: '-total',
      sharedRoleId: null,
      editable: true,
    });
    expect(await names(owner)).toEqual(['待发货 VIP']);
    expect(await names(colleague)).toEqual([]);
    expect(
      await statusOf(
        colleague.call(routes.updateSavedView, { params: { id: view.id }, body: { name: 'x' } }),
      ),
    ).toBe(404);
    expect(await statusOf(stranger.call(routes.deleteSavedView, { params: { id: view.id } }))).toBe(404);
  });

  it('checks the filter as the order list would, at save time', async () => {
    const p = await problemOf(
      owner.call(routes.createSavedView, {
        body: {
          name: 'broken',
          filter: { state: 'submitted', totalMin: 'lots', channel: ['fax'], colour: 'red' } as never,
          columns: ['number', 'nope'],
        },
      }),
    );
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.fields?.map((f) => f.field).sort()).toEqual([
      'body.columns.1',
      'body.filter',
      'body.filter.channel.0',
      'body.filter.totalMin',
    ]);
    expect(await names(owner)).toEqual(['待发货 VIP']);
  });

  it('shares a view read-only with everyone holding a role', async () => {
    const view = await owner.call(routes.createSavedView, {
      body: { name: 'Today', filter: { paymentStatus: ['unpaid'] }, sharedRoleId: biz.roleIds.coordinator },
    });
    const seen = (await colleague.call(routes.listSavedViews)).find((v) => v.id === view.id);
    expect(seen).toMatchObject({ name: 'Today', editable: false, filter: { paymentStatus: ['unpaid'] } });
    expect(await names(cashier)).toEqual([]);
    const p = await problemOf(
      colleague.call(routes.updateSavedView, { params: { id: view.id }, body: { name: 'mine' } }),
    );
    expect([p.status, p.code]).toEqual([403, 'FORBIDDEN']);
    expect(await statusOf(colleague.call(routes.deleteSavedView, { params: { id: view.id } }))).toBe(403);
    expect(await statusOf(cashier.call(routes.deleteSavedView, { params: { id: view.id } }))).toBe(404);

    // unshared again: the colleague no longer sees it
    await owner.call(routes.updateSavedView, { params: { id: view.id }, body: { sharedRoleId: null } });
    expect(await names(colleague)).toEqual([]);
  });

  it('refuses to share with a role of another business', async () => {
    const p = await problemOf(
      owner.call(routes.createSavedView, { body: { name: 'leak', sharedRoleId: strangerRole } }),
    );
    expect([p.status, p.code, p.fields?.[0]?.field]).toEqual([404, 'NOT_FOUND', 'body.sharedRoleId']);
  });

  it('lets the owner rename (names unique per owner) and delete, each audited', async () => {
    const view = await owner.call(routes.createSavedView, { body: { name: 'Draft view' } });
    const dup = await problemOf(
      owner.call(routes.updateSavedView, { params: { id: view.id }, body: { name: 'Today' } }),
    );
    expect([dup.status, dup.code, dup.fields?.[0]?.field]).toEqual([409, 'ALREADY_EXISTS', 'body.name']);
    // another user may use the same name
    await colleague.call(routes.createSavedView, { body: { name: 'Draft view' } });

    const renamed = await owner.call(routes.updateSavedView, {
      params: { id: view.id },
      body: { name: 'Weekly', sort: 'number' },
    });
    expect([renamed.name, renamed.sort, renamed.filter]).toEqual(['Weekly', 'number', {}]);
    await owner.call(routes.deleteSavedView, { params: { id: view.id } });
    expect(await names(owner)).toEqual(['Today', '待发货 VIP']);
    expect(await statusOf(owner.call(routes.deleteSavedView, { params: { id: view.id } }))).toBe(404);

    const audit = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'saved_view'), eq(auditLog.entityId, view.id)))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual([
      'saved_view.created',
      'saved_view.updated',
      'saved_view.deleted',
    ]);
    expect(audit[1]!.changes).toEqual({
      name: { before: 'Draft view', after: 'Weekly' },
      sort: { before: '-createdAt', after: 'number' },
    });
  });
});

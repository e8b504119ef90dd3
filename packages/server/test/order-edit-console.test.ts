import { type ApiClient, type Order, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// The console shows "Edit lines" only where the order read model says the caller may: the flag
// follows editOrder's own rules (orders.edit in scope, workflow state), never the browser's guess.
let s: TestServer;
let b2b: TestBusiness;
let coord: ApiClient; // coordinator, store A
let rep: ApiClient; // sales rep, own orders
let approver: ApiClient; // reads everything, may not edit
let readerEditorB: ApiClient; // reads every store, edits only store B
let frame = '';

const login = async (grants: { role: string; scope: 'own' | 'store' | 'all'; storeId?: string }[]) =>
  s.loginToken((await makeUser(s.database.db, b2b, grants)).username, PASSWORD);
const read = (c: ApiClient, id: string) => c.call(routes.getOrder, { params: { id } });
const act = (c: ApiClient, o: Order, action: string, input?: Record<string, unknown>) =>
  c.call(routes.transitionOrder, {
    params: { id: o.id },
    body: { action, expectedVersion: o.version, ...(input ? { input } : {}) } as never,
  });
const enter = (c: ApiClient) =>
  c.call(routes.createOrder, {
    body: { storeId: b2b.storeA, fulfilment: 'shipment', lines: [{ skuId: frame, quantity: 2 }] },
  });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  b2b = await makeBusiness(s.database.db, 'b2b');
  const admin = await login([{ role: 'admin', scope: 'all' }]);
  coord = await login([{ role: 'coordinator', scope: 'store', storeId: b2b.storeA }]);
  rep = await login([{ role: 'sales_rep', scope: 'own', storeId: b2b.storeA }]);
  approver = await login([{ role: 'approver', scope: 'all' }]);
  readerEditorB = await login([
    { role: 'approver', scope: 'all' },
    { role: 'coordinator', scope: 'store', storeId: b2b.storeB },
  ]);
  const f = await admin.call(routes.createProduct, {
    body: { name: 'Frame', skus: [{ code: 'FR', price: 10_000 }] },
  });
  frame = f.skus[0]!.id;
}, 60_000);
afterAll(() => s.close());

describe('the order read model says what the caller may edit', () => {
  it('lines and fields for a coordinator of the store and for the rep who owns it, in an open state', async () => {
    const o = await enter(rep);
    expect(o.state).toBe('submitted');
    expect((await read(coord, o.id)).editable).toEqual({ fields: true, lines: true });
    expect((await read(rep, o.id)).editable).toEqual({ fields: true, lines: true });
    // the edit's own answer carries it too, so the console need not read again
    const e = await coord.call(routes.editOrder, {
      params: { id: o.id },
      body: { expectedVersion: o.version, lines: [{ skuId: frame, quantity: 3 }] },
    });
    expect([e.total > o.total, e.editable]).toEqual([true, { fields: true, lines: true }]);
  });

  it('nothing for a reader without orders.edit, or with it for another store only', async () => {
    const o = await enter(coord);
    expect((await read(approver, o.id)).editable).toEqual({ fields: false, lines: false });
    expect((await read(readerEditorB, o.id)).editable).toEqual({ fields: false, lines: false });
    // and the server refuses what the flag withholds
    const refused = await problemOf(
      readerEditorB.call(routes.editOrder, {
        params: { id: o.id },
        body: { expectedVersion: o.version, notes: 'x' },
      }),
    );
    expect(refused.status).toBe(403);
  });

  it('fields only once production starts, nothing once cancelled', async () => {
    let o = await enter(coord);
    o = await act(coord, o, 'review');
    o = await act(approver, o, 'approve');
    o = await act(coord, o, 'start_production');
    expect(o.state).toBe('in_production');
    expect(o.editable).toEqual({ fields: true, lines: false });
    const frozen = await problemOf(
      coord.call(routes.editOrder, {
        params: { id: o.id },
        body: { expectedVersion: o.version, lines: [{ skuId: frame, quantity: 9 }] },
      }),
    );
    expect(frozen.code).toBe('TRANSITION_NOT_ALLOWED');

    const c = await act(coord, await enter(coord), 'cancel', { reason: 'customer withdrew' });
    expect(c.state).toBe('cancelled');
    expect((await read(coord, c.id)).editable).toEqual({ fields: false, lines: false });
  });
});

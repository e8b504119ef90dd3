import { type ApiClient, type Order, routes, type WorkflowDefinition } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeCustomer, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let rep: ApiClient; // sales rep, own scope, store A
let coord: ApiClient; // coordinator, store A
let approver: ApiClient;
let approver2: ApiClient;
let director: ApiClient; // leadership
let workshop: ApiClient; // production, store A
let skuId = '';
let accountId = '';

const login = async (role: string, scope: 'own' | 'store' | 'all', storeId?: string) =>
  s.loginToken((await makeUser(s.database.db, biz, [{ role, scope, storeId }])).username, PASSWORD);

const draft = (c: ApiClient, extra: Record<string, unknown> = {}) =>
  c.call(routes.createOrder, {
    body: {
      storeId: biz.storeA,
      customerId: accountId,
      fulfilment: 'shipment',
      lines: [{ skuId, quantity: 10 }],
      submit: false,
      ...extra,
    } as never,
  });

const act = (c: ApiClient, id: string, action: string, extra: Record<string, unknown> = {}) =>
  c.call(routes.transitionOrder, { params: { id }, body: { action, ...extra } as never });
const read = (id: string) => admin.call(routes.getOrder, { params: { id } });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db, 'b2b');
  admin = await login('admin', 'all');
  const r = await makeUser(s.database.db, biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  rep = await s.loginToken(r.username, PASSWORD);
  coord = await login('coordinator', 'store', biz.storeA);
  approver = await login('approver', 'all');
  approver2 = await login('approver', 'all');
  director = await login('leadership', 'all');
  workshop = await login('production', 'store', biz.storeA);
  accountId = await makeCustomer(s.database.db, biz, { storeId: biz.storeA, salesRepId: r.id, name: 'Acme' });
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Steel frame', skus: [{ code: 'FRAME', price: 100_00 }] },
  });
  skuId = p.skus[0]!.id;
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId, mode: 'track', quantity: 10_000, reason: 'count' },
  });
}, 60_000);
afterAll(() => s.close());

describe('b2b workflow', () => {
  it('draft → submitted → under review → approved → production stages → shipped → delivered → closed', async () => {
    const o = await draft(rep);
    expect([o.state, o.stockReserved]).toEqual(['draft', false]);
    const sub = await act(rep, o.id, 'submit');
    expect([sub.state, sub.stockReserved]).toEqual(['submitted', true]);
    // the rep may not review or approve their own order
    expect((await problemOf(act(rep, o.id, 'review'))).code).toBe('FORBIDDEN');
    await act(coord, o.id, 'review');
    expect((await problemOf(act(coord, o.id, 'approve'))).code).toBe('FORBIDDEN');
    await act(approver, o.id, 'approve');
    await act(coord, o.id, 'start_production');
    const bad = await problemOf(act(workshop, o.id, 'report_stage', { input: { stage: 'painting' } }));
    expect(bad.fields?.[0]?.field).toBe('body.input.stage');
    const staged = await act(workshop, o.id, 'report_stage', { input: { stage: 'assembly' } });
    expect(staged.workflow).toMatchObject({ state: 'in_production', stage: 'assembly' });
    await act(workshop, o.id, 'finish_production');
    await act(coord, o.id, 'ship', { input: { trackingNumber: 'SF123' } });
    await act(coord, o.id, 'deliver');
    const closed = await act(coord, o.id, 'close');
    expect(closed.workflow).toMatchObject({ state: 'closed', category: 'done', allowedActions: [] });
    expect(closed.workflow!.history.map((h) => h.toState)).toEqual([
      'draft',
      'submitted',
      'under_review',
      'approved',
      'in_production',
      'in_production',
      'ready_to_ship',
      'shipped',
      'delivered',
      'closed',
    ]);
  });

  it('on hold needs a comment, and resume returns to where the order was', async () => {
    const o = await draft(rep, { submit: true });
    await act(coord, o.id, 'review');
    expect((await problemOf(act(coord, o.id, 'hold'))).fields?.[0]?.field).toBe('body.comment');
    await act(coord, o.id, 'hold', { comment: 'Customer credit check' });
    const resumed = await act(coord, o.id, 'resume');
    expect(resumed.state).toBe('under_review');
  });

  it('returning to the sales rep releases the stock; the rep fixes and resubmits', async () => {
    const o = await draft(rep, { submit: true });
    const back = await act(coord, o.id, 'return', { comment: 'Wrong delivery address' });
    expect([back.state, back.stockReserved]).toEqual(['draft', false]);
    expect(back.workflow!.history.at(-1)!.comment).toBe('Wrong delivery address');
    expect((await act(rep, o.id, 'submit')).state).toBe('submitted');
  });
});

describe('approvals', () => {
  const pending = async (c: ApiClient) => (await c.call(routes.listApprovals)).items;

  it('a discount over 10 % waits for an approver; approve cannot bypass it; the decision moves the order on', async () => {
    const o = await draft(rep, { submit: true, orderDiscount: { kind: 'percent', value: 15 } });
    const view = await read(o.id);
    expect(view.workflow!.approval).toMatchObject({ status: 'pending', rules: [{ key: 'discount_10' }] });
    await act(coord, o.id, 'review');
    const blocked = await problemOf(act(approver, o.id, 'approve'));
    expect(blocked.code).toBe('APPROVAL_PENDING');
    const inbox = await pending(approver);
    const mine = inbox.find((a) => a.orderId === o.id)!;
    expect(mine.canDecide).toBe(true);
    // leadership's rule is not hit, so the director has nothing to decide here
    expect((await pending(director)).some((a) => a.orderId === o.id)).toBe(false);
    const decided = await approver.call(routes.decideApproval, {
      params: { id: mine.id },
      body: { decision: 'approve', comment: 'Long-standing customer' },
    });
    expect(decided.status).toBe('approved');
    // the system took the gated action once the approval closed
    const after = await read(o.id);
    expect(after.state).toBe('approved');
    expect(after.workflow!.history.at(-1)).toMatchObject({ action: 'approve', actorType: 'system' });
  });

  it('over 30 % needs the approver and then leadership; nobody approves an order they entered', async () => {
    // an approver who also enters orders
    const both = await makeUser(s.database.db, biz, [
      { role: 'approver', scope: 'all' },
      { role: 'coordinator', scope: 'store', storeId: biz.storeA },
    ]);
    const enterer = await s.loginToken(both.username, PASSWORD);
    const o = await draft(enterer, { submit: true, orderDiscount: { kind: 'percent', value: 35 } });
    const a = (await read(o.id)).workflow!.approval!;
    expect(a.rules.map((r) => r.key)).toEqual(['discount_10', 'discount_30']);
    expect((await enterer.call(routes.listApprovals)).items.some((x) => x.id === a.id)).toBe(false);
    const self = await problemOf(
      enterer.call(routes.decideApproval, { params: { id: a.id }, body: { decision: 'approve' } }),
    );
    expect(self.code).toBe('FORBIDDEN');
    // leadership cannot jump the queue
    expect(
      (
        await problemOf(
          director.call(routes.decideApproval, { params: { id: a.id }, body: { decision: 'approve' } }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const step1 = await approver2.call(routes.decideApproval, {
      params: { id: a.id },
      body: { decision: 'approve' },
    });
    expect([step1.status, step1.step]).toEqual(['pending', 1]);
    const again = await problemOf(
      approver2.call(routes.decideApproval, { params: { id: a.id }, body: { decision: 'approve' } }),
    );
    expect(again.code).toBe('FORBIDDEN');
    const step2 = await director.call(routes.decideApproval, {
      params: { id: a.id },
      body: { decision: 'approve' },
    });
    expect(step2.status).toBe('approved');
    expect((await read(o.id)).state).toBe('submitted'); // not yet reviewed: the gate is open, nothing moved
  });

  it('a large order needs two different approvers; a rejection returns it to the rep', async () => {
    const big = await draft(rep, { submit: true, lines: [{ skuId, quantity: 1500 }] });
    const a = (await read(big.id)).workflow!.approval!;
    expect(a.rules.map((r) => r.key)).toEqual(['large_order']);
    const one = await approver.call(routes.decideApproval, {
      params: { id: a.id },
      body: { decision: 'approve' },
    });
    expect([one.status, one.steps[0]!.decisions.length]).toEqual(['pending', 1]);
    const two = await approver2.call(routes.decideApproval, {
      params: { id: a.id },
      body: { decision: 'approve' },
    });
    expect(two.status).toBe('approved');

    const o = await draft(rep, { submit: true, orderDiscount: { kind: 'percent', value: 20 } });
    const r = (await read(o.id)).workflow!.approval!;
    await approver.call(routes.decideApproval, {
      params: { id: r.id },
      body: { decision: 'reject', comment: 'Too generous' },
    });
    const back = await read(o.id);
    expect([back.state, back.stockReserved]).toEqual(['draft', false]);
    expect(back.workflow!.history.at(-1)).toMatchObject({ action: 'return', comment: 'Too generous' });
  });
});

describe('publishing a definition', () => {
  it('refuses an invalid definition with every problem named', async () => {
    const [current] = (await admin.call(routes.listWorkflows)).items;
    const d = structuredClone(current!.definition) as WorkflowDefinition;
    d.transitions.find((t) => t.action === 'close')!.to = 'archived';
    const p = await problemOf(admin.call(routes.publishWorkflow, { body: { definition: d } }));
    expect(p.code).toBe('WORKFLOW_INVALID');
    expect(p.fields!.map((f) => f.code)).toEqual(expect.arrayContaining(['unknown_state', 'unreachable']));
    expect((await problemOf(coord.call(routes.publishWorkflow, { body: { definition: d } }))).status).toBe(
      403,
    );
  });

  it('a "quality check" state added to b2b is used by new orders; running ones keep their version', async () => {
    const running = await draft(rep, { submit: true });
    const [current] = (await admin.call(routes.listWorkflows)).items;
    const d = structuredClone(current!.definition) as WorkflowDefinition;
    const name = (zh: string, en: string, ja: string) => ({ 'zh-CN': zh, en, ja });
    d.states.splice(5, 0, {
      key: 'quality_check',
      category: 'in_progress',
      name: name('质检', 'Quality check', '品質検査'),
      slaMinutes: 120,
      escalateAfterMinutes: null,
      stages: [],
      onEnter: [],
    });
    d.transitions.find((t) => t.action === 'finish_production')!.to = 'quality_check';
    d.transitions.push({
      action: 'pass_qc',
      name: name('质检通过', 'Pass QC', '検査合格'),
      from: ['quality_check'],
      to: 'ready_to_ship',
      actors: ['staff'],
      permissions: ['orders.transition'],
      requires: { comment: false, fields: [] },
      conditions: [],
      effects: [],
      tone: 'primary',
    });
    const v2 = await admin.call(routes.publishWorkflow, { body: { definition: d } });
    expect([v2.version, v2.current]).toEqual([2, true]);

    const o = await draft(rep, { submit: true });
    const walk = async (x: Order) => {
      await act(coord, x.id, 'review');
      await act(approver, x.id, 'approve');
      await act(coord, x.id, 'start_production');
      return act(workshop, x.id, 'finish_production');
    };
    const fresh = await walk(o);
    expect(fresh.workflow).toMatchObject({ version: 2, state: 'quality_check', stateName: '质检' });
    expect((await act(workshop, o.id, 'pass_qc')).state).toBe('ready_to_ship');
    const old = await walk(running);
    expect(old.workflow).toMatchObject({ version: 1, state: 'ready_to_ship' });
  });
});

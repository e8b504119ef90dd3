import { type ApiClient, type Order, routes } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { timers } from '../src/db/workflow-schema.ts';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { fireDueTimers } from '../src/workflow/timers.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeCustomer, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;
let rep: ApiClient;
let boss: { id: string; username: string }; // approver, all stores
let deputy: { id: string; username: string }; // approver only in store B
let skuId = '';
let accountId = '';

const login = (u: { username: string }) => s.loginToken(u.username, PASSWORD);
const discounted = (c: ApiClient): Promise<Order> =>
  c.call(routes.createOrder, {
    body: {
      storeId: biz.storeA,
      customerId: accountId,
      fulfilment: 'shipment',
      lines: [{ skuId, quantity: 2 }],
      orderDiscount: { kind: 'percent', value: 15 },
      submit: true,
    } as never,
  });
const inbox = async (c: ApiClient) => (await c.call(routes.listApprovals)).items;
const reminders = async (c: ApiClient, orderId: string) =>
  (await c.call(routes.listNotifications, { query: {} })).items.filter(
    (n) => n.orderId === orderId && n.event === 'approval_reminder',
  );

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  biz = await makeBusiness(s.database.db, 'b2b');
  admin = await login(await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]));
  const r = await makeUser(s.database.db, biz, [{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  rep = await login(r);
  boss = await makeUser(s.database.db, biz, [{ role: 'approver', scope: 'all' }]);
  deputy = await makeUser(s.database.db, biz, [{ role: 'approver', scope: 'store', storeId: biz.storeB }]);
  accountId = await makeCustomer(s.database.db, biz, { storeId: biz.storeA, salesRepId: r.id });
  const p = await admin.call(routes.createProduct, {
    body: { name: 'Desk', skus: [{ code: 'DESK', price: 500_00 }] },
  });
  skuId = p.skus[0]!.id;
  await admin.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId, mode: 'track', quantity: 1000, reason: 'count' },
  });
}, 60_000);
afterAll(() => s.close());

describe('approval reminders', () => {
  it('a waiting approval reminds its approvers once after the configured delay; a decided one never does', async () => {
    expect((await admin.call(routes.getApprovalSettings)).reminderMinutes).toBe(240);
    await admin.call(routes.putApprovalSettings, { body: { reminderMinutes: 30 } });
    const o = await discounted(rep);
    const quick = await discounted(rep);
    const approver = await login(boss);
    const q = (await inbox(approver)).find((a) => a.orderId === quick.id)!;
    await approver.call(routes.decideApproval, { params: { id: q.id }, body: { decision: 'approve' } });

    s.clock.advance(29 * 60_000);
    await fireDueTimers(s.deps());
    await deliverOutbox(s.deps());
    expect(await reminders(approver, o.id)).toHaveLength(0);
    s.clock.advance(2 * 60_000);
    await Promise.all([fireDueTimers(s.deps()), fireDueTimers(s.deps())]);
    await deliverOutbox(s.deps());
    const again = await login(boss);
    expect(await reminders(again, o.id)).toHaveLength(1);
    expect(await reminders(again, quick.id)).toHaveLength(0);
    s.clock.advance(120 * 60_000);
    await fireDueTimers(s.deps());
    await deliverOutbox(s.deps());
    const later = await login(boss);
    expect(await reminders(later, o.id)).toHaveLength(1);
    const a = (await inbox(later)).find((x) => x.orderId === o.id)!;
    await later.call(routes.decideApproval, { params: { id: a.id }, body: { decision: 'approve' } });
    const left = await s.database.db
      .select()
      .from(timers)
      .where(
        and(eq(timers.orderId, o.id), eq(timers.kind, 'approval_reminder'), eq(timers.status, 'pending')),
      );
    expect(left).toEqual([]);
  });
});

describe('approval delegation', () => {
  it('the delegate sees and decides the delegator’s approvals on their behalf, recorded as such', async () => {
    const o = await discounted(rep);
    await deliverOutbox(s.deps()); // recipients are named at delivery: told before the boss leaves
    const dep = await login(deputy);
    expect((await inbox(dep)).some((a) => a.orderId === o.id)).toBe(false);
    const away = await login(boss);
    const candidates = (await away.call(routes.listDelegateCandidates)).map((c) => c.id);
    expect(candidates).toContain(deputy.id);
    expect(candidates).not.toContain(boss.id);
    const until = new Date(s.clock.now().getTime() + 60 * 60_000).toISOString();
    const set = await away.call(routes.putApprovalDelegation, {
      body: { delegateId: deputy.id, until, reason: 'Trade fair' },
    });
    expect(set).toMatchObject({ delegatorId: boss.id, delegateId: deputy.id, active: true });
    // asked for while the boss is away: the deputy is told as well; before it, they were not
    const next = await discounted(rep);
    await deliverOutbox(s.deps());
    const told = (await dep.call(routes.listNotifications, { query: {} })).items;
    expect(told.filter((n) => n.event === 'approval_requested').map((n) => n.orderId)).toEqual([next.id]);
    expect((await dep.call(routes.getApprovalDelegations)).toMe.map((d) => d.delegatorId)).toEqual([boss.id]);
    const mine = (await inbox(dep)).find((a) => a.orderId === o.id)!;
    expect(mine).toMatchObject({ canDecide: true, delegatedFrom: { userId: boss.id } });
    const decided = await dep.call(routes.decideApproval, {
      params: { id: mine.id },
      body: { decision: 'approve', comment: 'ok for Boss' },
    });
    expect(decided.status).toBe('approved');
    expect(decided.steps[0]!.decisions[0]).toMatchObject({
      userId: deputy.id,
      onBehalfOf: { userId: boss.id },
    });
    const audit = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'approval.approve')));
    expect(JSON.stringify(audit[0]!.changes)).toContain('→');
  });

  it('refuses self, outsiders without approval rights and chains; an expired delegation decides nothing', async () => {
    const away = await login(boss);
    const until = new Date(s.clock.now().getTime() + 60 * 60_000).toISOString();
    const self = await problemOf(
      away.call(routes.putApprovalDelegation, { body: { delegateId: boss.id, until } }),
    );
    expect(self.fields?.[0]).toMatchObject({ field: 'body.delegateId', code: 'self' });
    const clerk = await makeUser(s.database.db, biz, [{ role: 'coordinator', scope: 'all' }]);
    const noRights = await problemOf(
      away.call(routes.putApprovalDelegation, { body: { delegateId: clerk.id, until } }),
    );
    expect(noRights.fields?.[0]?.code).toBe('not_approver');
    // the deputy is away too: no chains
    const third = await makeUser(s.database.db, biz, [{ role: 'approver', scope: 'all' }]);
    const dep = await login(deputy);
    await dep.call(routes.putApprovalDelegation, { body: { delegateId: third.id, until } });
    const chain = await problemOf(
      away.call(routes.putApprovalDelegation, { body: { delegateId: deputy.id, until } }),
    );
    expect(chain.fields?.[0]?.code).toBe('chain');
    await dep.call(routes.deleteApprovalDelegation);

    // the delegate never approves an order they entered
    const both = await makeUser(s.database.db, biz, [
      { role: 'approver', scope: 'store', storeId: biz.storeB },
      { role: 'coordinator', scope: 'store', storeId: biz.storeA },
    ]);
    const bothClient = await login(both);
    const own = await discounted(bothClient);
    await away.call(routes.putApprovalDelegation, { body: { delegateId: both.id, until } });
    expect((await inbox(bothClient)).some((a) => a.orderId === own.id)).toBe(false);
    const a = (await inbox(away)).find((x) => x.orderId === own.id)!;
    const selfApprove = await problemOf(
      bothClient.call(routes.decideApproval, { params: { id: a.id }, body: { decision: 'approve' } }),
    );
    expect(selfApprove.status).toBe(403);

    // once the window is over, the delegate has nothing of the delegator's to decide
    await away.call(routes.putApprovalDelegation, { body: { delegateId: deputy.id, until } });
    const o = await discounted(rep);
    s.clock.advance(61 * 60_000);
    const late = await login(deputy);
    expect((await inbox(late)).some((x) => x.orderId === o.id)).toBe(false);
    const boss2 = await login(boss);
    const pending = (await inbox(boss2)).find((x) => x.orderId === o.id)!;
    const expired = await problemOf(
      late.call(routes.decideApproval, { params: { id: pending.id }, body: { decision: 'approve' } }),
    );
    expect(expired.status).toBe(404);
    expect((await late.call(routes.getApprovalDelegations)).toMe).toEqual([]);
  });
});

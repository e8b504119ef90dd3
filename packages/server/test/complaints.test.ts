import { type ApiClient, routes } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../src/db/notify-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { events, outbox, timers } from '../src/db/workflow-schema.ts';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { fireDueTimers } from '../src/workflow/timers.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// Complaints, returns and refund requests: filing (customer, staff), the small workflow with its
// guards, assignment, responses, the SLA timer, refund decisions, photos, scope and notices.
let s: TestServer;
let biz: TestBusiness;
type Client = ApiClient & { token: string };
const c = {} as Record<'admin' | 'svcA' | 'svcA2' | 'svcB' | 'coordA' | 'approver' | 'otherAdmin', Client>;
const ids = {} as Record<string, string>;
let cust1: Client;
let cust2: Client;

const fileAsCustomer = (
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
const fileAsStaff = (
  client: ApiClient,
  orderId: string,
  kind: 'complaint' | 'return' | 'refund' = 'return',
) =>
  client.call(routes.fileComplaint, { params: { id: orderId }, body: { kind, description: 'Broken leg' } });
const act = (
  client: ApiClient,
  id: string,
  action: 'start' | 'resolve' | 'close' | 'reopen',
  v: number,
  comment?: string,
) =>
  client.call(routes.transitionComplaint, { params: { id }, body: { action, expectedVersion: v, comment } });
const custAct = (
  client: ApiClient,
  id: string,
  action: 'start' | 'resolve' | 'close' | 'reopen',
  v: number,
) =>
  client.call(routes.customerTransitionComplaint, { params: { id }, body: { action, expectedVersion: v } });

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

describe('filing', () => {
  it('a customer files on their own order; it opens with a first-response deadline', async () => {
    const made = await fileAsCustomer(cust1, ids.custOrder1!, 'The desk arrived scratched', 'file-once-1');
    expect(made).toMatchObject({
      orderId: ids.custOrder1,
      kind: 'complaint',
      state: 'open',
      version: 1,
      overdue: false,
      filedBy: { type: 'customer' },
      actions: ['close'],
      canAssign: false,
    });
    expect(Date.parse(made.dueAt!) - Date.parse(made.createdAt)).toBe(240 * 60_000);
    expect(made.history.map((h) => h.type)).toEqual(['filed']);
    ids.c1 = made.id;
    // the same key again (a retry after a dropped answer) files nothing new
    const again = await fileAsCustomer(cust1, ids.custOrder1!, 'The desk arrived scratched', 'file-once-1');
    expect(again.id).toBe(made.id);
    const mine = await cust1.call(routes.customerListComplaints, { query: { orderId: ids.custOrder1 } });
    expect(mine.items.map((i) => i.id)).toEqual([made.id]);
    // staff of the store see it live, and the store's complaint handlers are told
    const [ev] = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'complaint.opened'), eq(events.orderId, ids.custOrder1!)));
    expect(ev).toMatchObject({ storeId: biz.storeA, payload: { complaintId: made.id, state: 'open' } });
    await deliverOutbox(s.deps());
    const told = await s.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.event, 'complaint_opened'));
    const who = told.map((n) => n.userId);
    expect(who).toContain(ids.svcA);
    expect(who).toContain(ids.svcA2);
    expect(who).not.toContain(ids.svcB);
    expect(who).not.toContain(ids.coordA);
  });

  it("refuses another customer's order as if it did not exist", async () => {
    const p = await problemOf(fileAsCustomer(cust2, ids.custOrder1!));
    expect([p.status, p.code]).toEqual([404, 'NOT_FOUND']);
    expect(await statusOf(cust2.call(routes.customerGetComplaint, { params: { id: ids.c1! } }))).toBe(404);
    expect((await cust2.call(routes.customerListComplaints, { query: {} })).items).toEqual([]);
    expect(
      await statusOf(cust2.call(routes.customerListComplaintAttachments, { params: { id: ids.c1! } })),
    ).toBe(404);
  });

  it('staff file with complaints.handle on an order in their scope only', async () => {
    const made = await fileAsStaff(c.svcA, ids.orderA!);
    expect(made).toMatchObject({ kind: 'return', state: 'open', filedBy: { type: 'user', id: ids.svcA } });
    expect(made.actions).toEqual(['start', 'resolve']);
    ids.cA = made.id;
    expect(await statusOf(fileAsStaff(c.svcA, ids.orderB!))).toBe(403);
    expect(await statusOf(fileAsStaff(c.coordA, ids.orderA!))).toBe(403);
    expect(await statusOf(fileAsStaff(c.otherAdmin, ids.orderA!))).toBe(404);
    const p = await problemOf(
      c.svcA.call(routes.fileComplaint, {
        params: { id: ids.orderA! },
        body: { kind: 'praise', description: '' } as never,
      }),
    );
    expect(p.fields?.map((f) => f.field).sort()).toEqual(['body.description', 'body.kind']);
    const [entry] = await s.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, made.id), eq(auditLog.action, 'complaint.filed')));
    expect(entry?.actorId).toBe(ids.svcA);
  });
});

describe('workflow', () => {
  it('staff take it through; the customer may reopen and close but not handle', async () => {
    const id = ids.c1!;
    // the customer cannot start handling their own complaint
    expect((await problemOf(custAct(cust1, id, 'start', 1))).status).toBe(403);
    // a reader without complaints.handle cannot move it
    expect(await statusOf(act(c.coordA, id, 'start', 1))).toBe(403);
    const started = await act(c.svcA, id, 'start', 1);
    expect([started.state, started.version, started.actions]).toEqual(['in_progress', 2, ['resolve']]);
    expect(started.firstResponseAt).not.toBeNull();
    // the start deadline is the in-progress one now
    expect(Date.parse(started.dueAt!) - Date.parse(started.stateEnteredAt)).toBe(2880 * 60_000);
    const stale = await problemOf(act(c.svcA, id, 'resolve', 1, 'done'));
    expect([stale.status, stale.code]).toEqual([409, 'VERSION_CONFLICT']);
    const noComment = await problemOf(act(c.svcA, id, 'resolve', 2));
    expect([noComment.status, noComment.fields?.[0]?.field]).toEqual([400, 'body.comment']);
    const notNow = await problemOf(act(c.svcA, id, 'start', 2));
    expect([notNow.status, notNow.code, notNow.meta?.allowedActions]).toEqual([
      409,
      'TRANSITION_NOT_ALLOWED',
      ['resolve'],
    ]);
    const resolved = await act(c.svcA, id, 'resolve', 2, 'Sent a replacement');
    expect([resolved.state, resolved.dueAt, resolved.resolvedAt !== null]).toEqual(['resolved', null, true]);
    const reopened = await custAct(cust1, id, 'reopen', 3);
    expect([reopened.state, reopened.actions]).toEqual(['open', ['close']]);
    const closed = await custAct(cust1, id, 'close', 4);
    expect(closed.state).toBe('closed');
    // a customer cannot reopen a closed complaint; staff can
    expect((await problemOf(custAct(cust1, id, 'reopen', 5))).status).toBe(403);
    const back = await act(c.svcA, id, 'reopen', 5);
    expect(back.state).toBe('open');
    const seen = await cust1.call(routes.customerGetComplaint, { params: { id } });
    expect(seen.history.map((h) => h.toState)).toEqual([
      'open',
      'in_progress',
      'resolved',
      'open',
      'closed',
      'open',
    ]);
    // nothing left pending from earlier states: only the current state's clock runs
    const pending = await s.database.db
      .select()
      .from(timers)
      .where(and(eq(timers.complaintId, id), eq(timers.status, 'pending')));
    expect(pending.map((t) => t.state)).toEqual(['open']);
  });

  it('assigns only to someone who may handle complaints of that store, and tells them', async () => {
    const id = ids.cA!;
    const v = (await c.svcA.call(routes.getComplaint, { params: { id } })).version;
    const eligible = await c.svcA.call(routes.listComplaintAssignees, { params: { id } });
    const names = eligible.items.map((u) => u.id);
    expect(names).toContain(ids.svcA2);
    expect(names).not.toContain(ids.svcB);
    expect(names).not.toContain(ids.coordA);
    for (const bad of [ids.svcB!, ids.coordA!]) {
      const p = await problemOf(
        c.svcA.call(routes.assignComplaint, {
          params: { id },
          body: { assigneeId: bad, expectedVersion: v },
        }),
      );
      expect([p.status, p.fields?.[0]?.field, p.fields?.[0]?.code]).toEqual([
        400,
        'body.assigneeId',
        'not_eligible',
      ]);
    }
    expect(
      await statusOf(
        c.svcB.call(routes.assignComplaint, {
          params: { id },
          body: { assigneeId: ids.svcB!, expectedVersion: v },
        }),
      ),
    ).toBe(403);
    const assigned = await c.svcA.call(routes.assignComplaint, {
      params: { id },
      body: { assigneeId: ids.svcA2!, expectedVersion: v },
    });
    expect([assigned.assigneeId, assigned.version]).toEqual([ids.svcA2, v + 1]);
    await deliverOutbox(s.deps());
    const [n] = await s.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'complaint_assigned'), eq(notifications.userId, ids.svcA2!)));
    expect(n?.title).toMatch(/^Assigned to you|已分派|担当/);
    const list = await c.svcA.call(routes.listComplaints, { query: { assigneeId: ids.svcA2 } });
    expect(list.items.map((i) => i.id)).toEqual([id]);
  });

  it('answers the customer or notes internally; the first answer starts handling', async () => {
    const made = await fileAsCustomer(cust1, ids.custOrder1!, 'Wrong colour');
    const note = await c.svcA.call(routes.respondComplaint, {
      params: { id: made.id },
      body: { body: 'Checked the warehouse log', visibility: 'internal' },
    });
    expect([note.state, note.firstResponseAt]).toEqual(['open', null]);
    const answered = await c.svcA.call(routes.respondComplaint, {
      params: { id: made.id },
      body: { body: 'We will swap it tomorrow', visibility: 'customer' },
    });
    expect(answered.state).toBe('in_progress');
    expect(answered.firstResponseAt).not.toBeNull();
    const customerView = await cust1.call(routes.customerGetComplaint, { params: { id: made.id } });
    const bodies = customerView.history.map((h) => h.body);
    expect(bodies).toContain('We will swap it tomorrow');
    expect(bodies).not.toContain('Checked the warehouse log');
    await deliverOutbox(s.deps());
    const told = await s.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.event, 'complaint_responded'));
    expect(told.some((r) => r.customerId !== null)).toBe(true);
  });
});

describe('SLA', () => {
  it('marks a complaint overdue once when its first-response deadline passes, and tells people', async () => {
    const made = await fileAsStaff(c.svcA, ids.orderA!, 'complaint');
    s.clock.advance(239 * 60_000);
    await fireDueTimers(s.deps());
    expect((await c.svcA.call(routes.getComplaint, { params: { id: made.id } })).overdue).toBe(false);
    s.clock.advance(2 * 60_000);
    const fired = await Promise.all([fireDueTimers(s.deps()), fireDueTimers(s.deps())]);
    expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await fireDueTimers(s.deps());
    const late = await c.svcA.call(routes.getComplaint, { params: { id: made.id } });
    expect(late.overdue).toBe(true);
    expect(late.history.filter((h) => h.type === 'overdue')).toHaveLength(1);
    const overdue = await c.svcA.call(routes.listComplaints, { query: { overdue: 'true' } });
    expect(overdue.items.map((i) => i.id)).toContain(made.id);
    const rows = await s.database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->'complaint'->>'id' = ${made.id}`);
    expect(rows.filter((r) => (r.payload as { event: string }).event === 'complaint_overdue')).toHaveLength(
      1,
    );
    // starting it clears the mark and starts the next clock
    const started = await act(c.svcA, made.id, 'start', late.version);
    expect(started.overdue).toBe(false);
  });

  it('is configurable per business; a store-scoped handler may not change it', async () => {
    expect(await c.svcA.call(routes.getComplaintSettings)).toEqual({
      openMinutes: 240,
      inProgressMinutes: 2880,
    });
    const body = { openMinutes: 60, inProgressMinutes: 600 };
    expect(await statusOf(c.svcA.call(routes.updateComplaintSettings, { body }))).toBe(403);
    await c.admin.call(routes.updateComplaintSettings, { body });
    const made = await fileAsStaff(c.admin, ids.orderB!, 'complaint');
    expect(Date.parse(made.dueAt!) - Date.parse(made.createdAt)).toBe(60 * 60_000);
    await c.admin.call(routes.updateComplaintSettings, {
      body: { openMinutes: 240, inProgressMinutes: 2880 },
    });
  });
});

describe('refund decisions', () => {
  it('need refunds.approve and stay within what the order has left', async () => {
    const made = await fileAsStaff(c.svcA, ids.orderA!, 'refund');
    const v = made.version;
    expect(made.orderTotal).toBeGreaterThan(0);
    const half = Math.floor(made.orderTotal / 2);
    // earlier decisions on this order (none yet) leave the whole total refundable
    expect(made.refundable).toBe(made.orderTotal);
    expect(made.canDecideRefund).toBe(false);
    expect(
      await statusOf(
        c.svcA.call(routes.decideRefund, {
          params: { id: made.id },
          body: { amount: 1, expectedVersion: v },
        }),
      ),
    ).toBe(403);
    const zero = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: 0, expectedVersion: v },
      }),
    );
    expect([zero.status, zero.fields?.[0]?.field]).toEqual([400, 'body.amount']);
    const tooMuch = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: made.orderTotal + 1, expectedVersion: v },
      }),
    );
    expect([tooMuch.status, tooMuch.code, tooMuch.fields?.[0]?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'body.amount',
    ]);
    const first = await c.approver.call(routes.decideRefund, {
      params: { id: made.id },
      body: { amount: half, note: 'Half back', expectedVersion: v },
    });
    expect(first.refunds).toMatchObject([{ amount: half, status: 'decided', currency: 'CNY' }]);
    expect(first.refundable).toBe(made.orderTotal - half);
    // a second complaint on the same order sees what the first one already gave back
    const second = await fileAsStaff(c.svcA, ids.orderA!, 'refund');
    expect(second.refundable).toBe(made.orderTotal - half);
    const over = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: second.id },
        body: { amount: made.orderTotal - half + 1, expectedVersion: second.version },
      }),
    );
    expect(over.meta?.refundable).toBe(made.orderTotal - half);
    const rest = await c.approver.call(routes.decideRefund, {
      params: { id: second.id },
      body: { amount: made.orderTotal - half, expectedVersion: second.version },
    });
    expect(rest.refundable).toBe(0);
    // a resolved complaint takes no more decisions
    const done = await act(c.svcA, made.id, 'resolve', first.version, 'Refunded half');
    const closed = await problemOf(
      c.approver.call(routes.decideRefund, {
        params: { id: made.id },
        body: { amount: 1, expectedVersion: done.version },
      }),
    );
    expect([closed.status, closed.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
  });
});

describe('scope and lists', () => {
  it('lists only complaints of my stores, filtered and paged', async () => {
    const mineA = await c.svcA.call(routes.listComplaints, { query: { limit: 200 } });
    expect(mineA.items.length).toBeGreaterThan(0);
    expect(mineA.items.every((i) => i.storeId === biz.storeA)).toBe(true);
    const mineB = await c.svcB.call(routes.listComplaints, { query: { limit: 200 } });
    expect(mineB.items.every((i) => i.storeId === biz.storeB)).toBe(true);
    expect(mineB.items.length).toBeGreaterThan(0);
    expect(await statusOf(c.svcB.call(routes.getComplaint, { params: { id: ids.cA! } }))).toBe(403);
    expect(await statusOf(c.otherAdmin.call(routes.getComplaint, { params: { id: ids.cA! } }))).toBe(404);
    expect((await c.otherAdmin.call(routes.listComplaints, { query: {} })).items).toEqual([]);
    // keyset pages: one at a time, every complaint once, newest first
    const all = await c.admin.call(routes.listComplaints, { query: { limit: 200 } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.admin.call(routes.listComplaints, { query: { limit: 2, cursor } });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const returns = await c.admin.call(routes.listComplaints, {
      query: { kind: ['return'], state: ['open'] },
    });
    expect(returns.items.every((i) => i.kind === 'return' && i.state === 'open')).toBe(true);
    const forOrder = await c.coordA.call(routes.listOrderComplaints, { params: { id: ids.orderA! } });
    expect(forOrder.items.every((i) => i.orderId === ids.orderA)).toBe(true);
    expect(forOrder.openCount).toBe(
      forOrder.items.filter((i) => ['open', 'in_progress'].includes(i.state)).length,
    );
    expect(await statusOf(c.coordA.call(routes.listOrderComplaints, { params: { id: ids.orderB! } }))).toBe(
      403,
    );
  });
});

describe('photos', () => {
  it('customers and handlers attach photos; readers in scope see them', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const byCustomer = await cust1.call(routes.customerUploadComplaintAttachment, {
      params: { id: ids.c1! },
      file: { data: png, filename: 'scratch.png' },
    });
    expect(byCustomer).toMatchObject({
      parentType: 'complaint',
      parentId: ids.c1,
      kind: 'image',
      hasThumbnail: true,
    });
    expect(
      await statusOf(
        cust2.call(routes.customerUploadComplaintAttachment, {
          params: { id: ids.c1! },
          file: { data: png, filename: 'x.png' },
        }),
      ),
    ).toBe(404);
    const byStaff = await c.svcA.call(routes.uploadComplaintAttachment, {
      params: { id: ids.c1! },
      file: { data: png, filename: 'inspection.png' },
    });
    expect(
      await statusOf(
        c.coordA.call(routes.uploadComplaintAttachment, {
          params: { id: ids.c1! },
          file: { data: png, filename: 'x.png' },
        }),
      ),
    ).toBe(403);
    const seenByReader = await c.coordA.call(routes.listComplaintAttachments, { params: { id: ids.c1! } });
    expect(seenByReader.items.map((a) => a.id).sort()).toEqual([byCustomer.id, byStaff.id].sort());
    expect(await statusOf(c.svcB.call(routes.listComplaintAttachments, { params: { id: ids.c1! } }))).toBe(
      403,
    );
    const thumb = await cust1.call(routes.customerDownloadAttachmentThumbnail, {
      params: { id: byStaff.id },
    });
    expect(thumb.contentType).toBe('image/webp');
    const mine = await cust1.call(routes.customerListComplaintAttachments, { params: { id: ids.c1! } });
    expect(mine.items).toHaveLength(2);
  });
});

describe('exceptions view', () => {
  it('lists open complaints with their order and owner in the reader’s scope, until they are resolved', async () => {
    const filed = await fileAsStaff(c.svcA, ids.orderA!, 'complaint');
    await c.admin.call(routes.assignComplaint, {
      params: { id: filed.id },
      body: { assigneeId: ids.svcA!, expectedVersion: filed.version },
    });
    const listed = async (client: Client) =>
      (
        await client.call(routes.listExceptions, { query: { kind: 'complaint_open', limit: 200 } })
      ).items.find((i) => i.id === `complaint_open:${filed.id}`);
    const seen = await listed(c.coordA);
    expect(seen?.order?.id).toBe(ids.orderA);
    expect(seen?.storeId).toBe(biz.storeA);
    expect(seen?.owner.userId).toBe(ids.svcA);
    expect(seen?.detail).toBe('Broken leg');
    expect(await listed(c.svcB)).toBeUndefined();
    const summary = await c.coordA.call(routes.exceptionSummary, { query: {} });
    expect(summary.counts.complaint_open).toBeGreaterThan(0);

    const now = await c.admin.call(routes.getComplaint, { params: { id: filed.id } });
    await act(c.svcA, filed.id, 'start', now.version);
    await act(c.svcA, filed.id, 'resolve', now.version + 1, 'Replaced the leg');
    expect(await listed(c.coordA)).toBeUndefined();
  });
});

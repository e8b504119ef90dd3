import { routes } from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../src/db/notify-schema.ts';
import { auditLog } from '../src/db/schema.ts';
import { events, outbox, timers } from '../src/db/workflow-schema.ts';
import { deliverOutbox } from '../src/notifications/worker.ts';
import { fireDueTimers } from '../src/workflow/timers.ts';
import {
  act,
  biz,
  c,
  cust1,
  cust2,
  custAct,
  fileAsCustomer,
  fileAsStaff,
  ids,
  s,
  useComplaintsFixture,
} from './complaints-fixture.ts';
import { problemOf, statusOf } from './expect-problem.ts';

useComplaintsFixture();

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

  it('the customer adds to their complaint while it is handled; the assignee is told', async () => {
    const made = await fileAsCustomer(cust1, ids.custOrder1!, 'Missing screws');
    await c.svcA.call(routes.assignComplaint, {
      params: { id: made.id },
      body: { assigneeId: ids.svcA2!, expectedVersion: made.version },
    });
    const added = await cust1.call(routes.customerCommentComplaint, {
      params: { id: made.id },
      body: { body: 'Four M6 screws, the bag was empty' },
    });
    expect(added.version).toBe(made.version + 2);
    expect(added.history.at(-1)).toMatchObject({
      type: 'response',
      body: 'Four M6 screws, the bag was empty',
      actor: { type: 'customer' },
    });
    expect(
      await statusOf(
        cust2.call(routes.customerCommentComplaint, { params: { id: made.id }, body: { body: 'me too' } }),
      ),
    ).toBe(404);
    await deliverOutbox(s.deps());
    const [n] = await s.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'complaint_commented'), eq(notifications.userId, ids.svcA2!)));
    expect(n?.orderId).toBe(ids.custOrder1);
    const closed = await custAct(cust1, made.id, 'close', added.version);
    const late = await problemOf(
      cust1.call(routes.customerCommentComplaint, { params: { id: made.id }, body: { body: 'one more' } }),
    );
    expect([late.status, late.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    expect((await cust1.call(routes.customerGetComplaint, { params: { id: made.id } })).version).toBe(
      closed.version,
    );
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

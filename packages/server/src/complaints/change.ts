import {
  type Complaint,
  type ComplaintAction,
  complaintActionLabels,
  type complaintAssignSchema,
  type complaintResponseSchema,
  complaintStateLabels,
  type complaintTransitionSchema,
  type customerComplaintCommentSchema,
  type refundDecisionRequestSchema,
  translate,
} from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveScope, inScope } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { complaintEntries, complaints, refundDecisions } from '../db/complaint-schema.ts';
import type { DbOrTx, Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, ForbiddenError, ValidationError, WorkflowError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { activeStaff } from '../notifications/recipients.ts';
import { formatAmount } from '../notifications/templates.ts';
import { orderOwnership } from '../orders/read.ts';
import { announce } from './announce.ts';
import {
  type ComplaintRow,
  customerComplaint,
  type Loaded,
  lockComplaint,
  type OrderRow,
  staffComplaint,
} from './load.ts';
import { readComplaint, readCustomerComplaint } from './read.ts';
import { type ComplaintActorKind, complaintTransitions, isActive, mayTake } from './rules.ts';
import { startStateClock } from './sla.ts';
import { refundedOn } from './view.ts';

type Who = ComplaintActorKind;
type Env = { tx: Tx; ctx: Ctx; now: Date; c: ComplaintRow; o: OrderRow; who: Who; actorId: string };

/**
 * One change to one complaint, in one transaction: access (permission, then record, then scope),
 * the row locked, the caller's expected version checked, then the change — which writes its
 * history entry, event, notices and audit entry — and the complaint as the caller now sees it.
 */
async function mutate(
  ctx: Ctx,
  id: string,
  who: Who,
  permission: 'complaints.handle' | 'refunds.approve',
  expectedVersion: number | undefined,
  change: (env: Env) => Promise<void>,
): Promise<Complaint> {
  return ctx.db.transaction(async (tx) => {
    const found: Loaded & { actorId: string } =
      who === 'staff'
        ? await staffComplaint(ctx, tx, id, permission).then((f) => ({ ...f, actorId: f.scope.actor.userId }))
        : await customerComplaint(ctx, tx, id).then((f) => ({ ...f, actorId: f.me.customerId }));
    const c = await lockComplaint(tx, id);
    if (expectedVersion !== undefined && expectedVersion !== c.version)
      throw new WorkflowError(
        'VERSION_CONFLICT',
        {
          key: 'complaint.versionConflict',
          vars: { state: complaintStateLabels[c.state]![ctx.locale], version: c.version },
        },
        { state: c.state, version: c.version },
      );
    await change({ tx, ctx, now: ctx.clock.now(), c, o: found.o, who, actorId: found.actorId });
    return who === 'staff' ? readComplaint(ctx, id, tx) : readCustomerComplaint(ctx, id, tx);
  });
}

async function bump(env: Env, set: Partial<ComplaintRow>): Promise<ComplaintRow> {
  const [row] = await env.tx
    .update(complaints)
    .set({ ...set, version: env.c.version + 1, updatedAt: env.now })
    .where(eq(complaints.id, env.c.id))
    .returning();
  return row!;
}

async function entry(
  env: Env,
  row: ComplaintRow,
  e: Pick<
    typeof complaintEntries.$inferInsert,
    'type' | 'visibility' | 'body' | 'data' | 'fromState' | 'toState'
  >,
) {
  await env.tx.insert(complaintEntries).values({
    id: newId(env.now.getTime()),
    complaintId: row.id,
    actorType: env.who === 'staff' ? 'user' : 'customer',
    actorId: env.actorId,
    versionAfter: row.version,
    at: env.now,
    ...e,
  });
}

const audit = (env: Env, action: string, before: object, after: object) =>
  recordAudit(env.tx, env.ctx, {
    action: `complaint.${action}`,
    entityType: 'complaint',
    entityId: env.c.id,
    storeId: env.c.storeId,
    businessId: env.c.businessId,
    before: { ...before },
    after: { ...after },
  });

/** Moves the complaint along the table; the new state's SLA clock starts. */
async function move(env: Env, action: ComplaintAction, comment: string | undefined, auto = false) {
  const { c, now } = env;
  const to = complaintTransitions[action].to;
  const moved = await bump(env, {
    state: to,
    stateEnteredAt: now,
    overdueAt: null,
    resolvedAt: to === 'resolved' ? now : to === 'closed' ? c.resolvedAt : null,
    closedAt: to === 'closed' ? now : null,
    firstResponseAt: c.firstResponseAt ?? (env.who === 'staff' ? now : null),
  });
  const dueAt = await startStateClock(env.tx, moved, now);
  const [row] = await env.tx.update(complaints).set({ dueAt }).where(eq(complaints.id, c.id)).returning();
  await entry(env, row!, {
    type: 'transition',
    visibility: 'customer',
    fromState: c.state,
    toState: to,
    body: comment ?? null,
    data: { action, ...(auto ? { auto: true } : {}) },
  });
  const notify =
    to === 'resolved'
      ? { event: 'complaint_resolved', to: ['customer' as const] }
      : action === 'reopen' && env.who === 'customer'
        ? {
            event: 'complaint_reopened',
            to: [c.assigneeId ? ('complaint_assignee' as const) : ('complaint_handlers' as const)],
          }
        : undefined;
  await announce(env.tx, now, row!, env.o, 'transitioned', { action, from: c.state, to }, notify);
  await audit(env, action, { state: c.state }, { state: to, comment });
}

export async function transitionComplaint(
  ctx: Ctx,
  id: string,
  who: Who,
  req: z.output<typeof complaintTransitionSchema>,
): Promise<Complaint> {
  return mutate(ctx, id, who, 'complaints.handle', req.expectedVersion, async (env) => {
    const state = env.c.state;
    const label = complaintActionLabels[req.action]![ctx.locale];
    if (!mayTake(req.action, state, who)) {
      const other: Who = who === 'staff' ? 'customer' : 'staff';
      if (mayTake(req.action, state, other))
        throw new ForbiddenError({ key: 'complaint.forbidden', vars: { action: label } });
      const allowed = (Object.keys(complaintTransitions) as ComplaintAction[]).filter((a) =>
        mayTake(a, state, who),
      );
      throw new WorkflowError(
        'TRANSITION_NOT_ALLOWED',
        {
          key: 'complaint.notAllowed',
          vars: {
            state: complaintStateLabels[state]![ctx.locale],
            action: label,
            allowed: allowed.map((a) => complaintActionLabels[a]![ctx.locale]).join(', ') || '—',
          },
        },
        { state, version: env.c.version, allowedActions: allowed },
      );
    }
    if (complaintTransitions[req.action].needsComment && !req.comment)
      throw new ValidationError([
        {
          field: 'body.comment',
          code: 'required',
          message: translate(ctx.locale, 'complaint.commentRequired'),
        },
      ]);
    await move(env, req.action, req.comment);
  });
}

/** Active staff of the business who may handle complaints of this order's store. */
async function eligibleAssignees(db: DbOrTx, o: OrderRow) {
  const staff = await activeStaff(db, o.businessId);
  return staff.filter((s) => {
    const scope = effectiveScope(s, 'complaints.handle');
    return !!scope && inScope(scope, orderOwnership(o));
  });
}

export async function listAssignees(ctx: Ctx, id: string) {
  const { o } = await staffComplaint(ctx, ctx.db, id, 'complaints.handle');
  const staff = await eligibleAssignees(ctx.db, o);
  return {
    items: staff
      .map((s) => ({ id: s.userId, displayName: s.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
}

const notOpen = (env: Env, action: string) =>
  new WorkflowError(
    'TRANSITION_NOT_ALLOWED',
    {
      key: 'complaint.notAllowed',
      vars: { state: complaintStateLabels[env.c.state]![env.ctx.locale], action, allowed: '—' },
    },
    { state: env.c.state, version: env.c.version },
  );

export async function assignComplaint(
  ctx: Ctx,
  id: string,
  req: z.output<typeof complaintAssignSchema>,
): Promise<Complaint> {
  return mutate(ctx, id, 'staff', 'complaints.handle', req.expectedVersion, async (env) => {
    if (env.c.state === 'closed') throw notOpen(env, 'assign');
    const target = req.assigneeId
      ? (await eligibleAssignees(env.tx, env.o)).find((s) => s.userId === req.assigneeId)
      : null;
    if (req.assigneeId && !target)
      throw new ValidationError([
        {
          field: 'body.assigneeId',
          code: 'not_eligible',
          message: translate(ctx.locale, 'complaint.assigneeNotEligible'),
        },
      ]);
    if (req.assigneeId === env.c.assigneeId) {
      ctx.audited = true; // nothing to change, nothing to audit
      return;
    }
    const row = await bump(env, { assigneeId: req.assigneeId });
    await entry(env, row, {
      type: 'assigned',
      visibility: 'internal',
      data: { from: env.c.assigneeId, to: req.assigneeId, toName: target?.displayName ?? null },
    });
    await announce(
      env.tx,
      env.now,
      row,
      env.o,
      'assigned',
      { from: env.c.assigneeId },
      req.assigneeId ? { event: 'complaint_assigned', to: ['complaint_assignee'] } : undefined,
    );
    await audit(env, 'assigned', { assigneeId: env.c.assigneeId }, { assigneeId: req.assigneeId });
  });
}

/**
 * A response to the customer, or an internal note. Answering an open complaint is its first
 * response: it moves to in progress, which stops the first-response clock.
 */
export async function respondComplaint(
  ctx: Ctx,
  id: string,
  req: z.output<typeof complaintResponseSchema>,
): Promise<Complaint> {
  return mutate(ctx, id, 'staff', 'complaints.handle', req.expectedVersion, async (env) => {
    if (env.c.state === 'closed') throw notOpen(env, 'respond');
    const toCustomer = req.visibility === 'customer';
    const row = await bump(env, {
      firstResponseAt: env.c.firstResponseAt ?? (toCustomer ? env.now : null),
    });
    await entry(env, row, { type: 'response', visibility: req.visibility, body: req.body, data: {} });
    await announce(
      env.tx,
      env.now,
      row,
      env.o,
      'responded',
      { visibility: req.visibility },
      toCustomer ? { event: 'complaint_responded', to: ['customer'] } : undefined,
    );
    await audit(env, 'responded', {}, { visibility: req.visibility, body: req.body });
    if (toCustomer && env.c.state === 'open') await move({ ...env, c: row }, 'start', undefined, true);
  });
}

/**
 * The customer adds to their complaint while it is open or being handled; whoever handles it (or
 * may) is told. A resolved complaint is reopened instead, a closed one takes nothing more.
 */
export async function commentOnComplaint(
  ctx: Ctx,
  id: string,
  req: z.output<typeof customerComplaintCommentSchema>,
): Promise<Complaint> {
  return mutate(ctx, id, 'customer', 'complaints.handle', req.expectedVersion, async (env) => {
    if (!isActive(env.c.state)) throw notOpen(env, 'comment');
    const row = await bump(env, {});
    await entry(env, row, { type: 'response', visibility: 'customer', body: req.body, data: {} });
    await announce(
      env.tx,
      env.now,
      row,
      env.o,
      'commented',
      {},
      {
        event: 'complaint_commented',
        to: [env.c.assigneeId ? 'complaint_assignee' : 'complaint_handlers'],
      },
    );
    await audit(env, 'commented', {}, { body: req.body });
  });
}

/**
 * A refund decided on a complaint still being handled. The order row is locked so two decisions
 * on the same order cannot together exceed its total.
 */
export async function decideRefund(
  ctx: Ctx,
  id: string,
  req: z.output<typeof refundDecisionRequestSchema>,
): Promise<Complaint> {
  return mutate(ctx, id, 'staff', 'refunds.approve', req.expectedVersion, async (env) => {
    if (!isActive(env.c.state))
      throw new WorkflowError(
        'TRANSITION_NOT_ALLOWED',
        { key: 'complaint.refundClosed', vars: { state: complaintStateLabels[env.c.state]![ctx.locale] } },
        { state: env.c.state, version: env.c.version },
      );
    const [o] = await env.tx.select().from(orders).where(eq(orders.id, env.o.id)).for('update');
    const refundable = o!.total - (await refundedOn(env.tx, o!.id));
    if (req.amount > refundable) {
      const err = new AppError('VALIDATION_FAILED', {
        key: 'complaint.refundTooLarge',
        vars: { refundable: formatAmount(Math.max(0, refundable), o!.currency, ctx.locale) },
      });
      err.fields = [{ field: 'body.amount', code: 'max', message: '' }];
      err.meta = { refundable: Math.max(0, refundable) };
      throw err;
    }
    const decision = {
      id: newId(env.now.getTime()),
      businessId: env.c.businessId,
      complaintId: env.c.id,
      orderId: o!.id,
      amount: req.amount,
      currency: o!.currency,
      note: req.note ?? null,
      decidedBy: env.actorId,
      decidedAt: env.now,
    };
    await env.tx.insert(refundDecisions).values(decision);
    const row = await bump(env, {});
    await entry(env, row, {
      type: 'refund_decided',
      visibility: 'customer',
      body: req.note ?? null,
      data: { refundId: decision.id, amount: req.amount, currency: o!.currency },
    });
    await announce(env.tx, env.now, row, env.o, 'refund_decided', {
      amount: req.amount,
      currency: o!.currency,
    });
    await audit(
      env,
      'refund_decided',
      {},
      { refundId: decision.id, amount: req.amount, currency: o!.currency, note: req.note },
    );
  });
}

import type { Approval, approvalDecisionSchema } from '@orderloop/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveScope, inScope, requirePermission } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { type ApprovalStep, approvalDecisions, approvals } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, NotFoundError, WorkflowError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { orderOwnership } from '../orders/read.ts';
import { workflowActor } from './actor.ts';
import { cancelApprovalReminder, scheduleApprovalReminder } from './approval-reminders.ts';
import { eligibleFor } from './approvals.ts';
import { transitionOf, workflowById } from './definitions.ts';
import { activeDelegators } from './delegation.ts';
import { recordEvent } from './effects.ts';
import { runTransition } from './engine.ts';
import { approvalView } from './view.ts';

type Decision = z.output<typeof approvalDecisionSchema>;
type OrderRow = typeof orders.$inferSelect;

/**
 * Whom a delegate decides for: the first active delegator who may decide this step and has not
 * (themselves or through a delegate) already; never on an order the delegate entered. `undefined`:
 * nobody.
 */
async function delegatorFor(
  tx: Tx,
  approvalId: string,
  step: number,
  delegate: StaffActor,
  delegators: StaffActor[],
  s: ApprovalStep,
  o: OrderRow,
): Promise<StaffActor | undefined> {
  if (o.createdBy === delegate.userId) return undefined;
  const done = await tx
    .select({ userId: approvalDecisions.userId, onBehalfOf: approvalDecisions.onBehalfOf })
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.approvalId, approvalId), eq(approvalDecisions.step, step)));
  const decided = new Set(done.flatMap((d) => [d.userId, d.onBehalfOf ?? '']));
  return delegators.find((d) => !decided.has(d.userId) && eligibleFor(d, s, o));
}

/**
 * One approver's decision on the waiting step. A rejection ends the approval and the system takes
 * the definition's reject action; the last needed approval ends it and the system takes the gated
 * action if the order is where that action starts (otherwise the gate simply opens).
 */
export async function decideApproval(ctx: Ctx, id: string, body: Decision): Promise<Approval> {
  const scope = requirePermission(ctx.actor, 'orders.approve');
  const staff = scope.actor;
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(approvals)
      .where(and(eq(approvals.id, id), eq(approvals.businessId, staff.businessId)))
      .for('update');
    if (!a) throw new NotFoundError('approval');
    const [o] = await tx.select().from(orders).where(eq(orders.id, a.orderId));
    const now = ctx.clock.now();
    const delegators = await activeDelegators(tx, staff, now);
    const reads = (s: StaffActor) => {
      const r = effectiveScope(s, 'orders.read');
      return !!o && !!r && inScope(r, orderOwnership(o));
    };
    // a delegate sees what their delegators may see
    if (!o || ![staff, ...delegators].some(reads)) throw new NotFoundError('approval');
    const wf = await workflowById(tx, o.workflowId!);
    if (a.status !== 'pending')
      throw new WorkflowError(
        'TRANSITION_NOT_ALLOWED',
        { key: 'approval.closed', vars: { status: a.status } },
        { status: a.status },
      );
    const step = a.steps[a.step]!;
    const onBehalfOf = eligibleFor(staff, step, o)
      ? null
      : await delegatorFor(tx, a.id, a.step, staff, delegators, step, o);
    if (onBehalfOf === undefined) throw new ForbiddenError({ key: 'approval.notEligible' });
    const inserted = await tx
      .insert(approvalDecisions)
      .values({
        id: newId(now.getTime()),
        approvalId: a.id,
        step: a.step,
        userId: staff.userId,
        onBehalfOf: onBehalfOf?.userId ?? null,
        decision: body.decision,
        comment: body.comment ?? null,
        at: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length)
      throw new WorkflowError(
        'TRANSITION_NOT_ALLOWED',
        { key: 'approval.alreadyDecided' },
        { status: a.status },
      );

    let status = 'pending' as 'pending' | 'approved' | 'rejected';
    let next = a.step;
    if (body.decision === 'reject') status = 'rejected';
    else {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(approvalDecisions)
        .where(
          and(
            eq(approvalDecisions.approvalId, a.id),
            eq(approvalDecisions.step, a.step),
            eq(approvalDecisions.decision, 'approve'),
          ),
        );
      if (step.mode === 'any' || n >= step.count) next = a.step + 1;
      if (next >= a.steps.length) status = 'approved';
    }
    const [updated] = await tx
      .update(approvals)
      .set({ status, step: Math.min(next, a.steps.length - 1), decidedAt: status === 'pending' ? null : now })
      .where(eq(approvals.id, a.id))
      .returning();
    await recordEvent(
      tx,
      o,
      'approval.decided',
      {
        approvalId: a.id,
        decision: body.decision,
        status,
        number: o.number,
        ...(onBehalfOf ? { onBehalfOf: onBehalfOf.userId } : {}),
      },
      now,
    );
    await recordAudit(tx, ctx, {
      action: `approval.${body.decision}`,
      entityType: 'order',
      entityId: o.id,
      storeId: o.storeId,
      before: { approval: a.status, step: a.step },
      after: {
        approval: status,
        step: updated!.step,
        comment: body.comment,
        // "X on behalf of Y"
        ...(onBehalfOf ? { onBehalfOf: `${staff.displayName} → ${onBehalfOf.displayName}` } : {}),
      },
    });
    if (status !== 'pending') await cancelApprovalReminder(tx, o.id);
    else if (updated!.step !== a.step) await scheduleApprovalReminder(tx, o, now);

    const gate = wf.definition.approval;
    const system = { type: 'system' as const };
    const takeIfPossible = async (action: string, comment?: string) => {
      const t = transitionOf(wf.definition, action);
      const [cur] = await tx.select().from(orders).where(eq(orders.id, o.id));
      if (!t?.from.includes(cur!.state) || !t.actors.includes('system')) return;
      await runTransition(
        tx,
        ctx,
        o.id,
        { action, comment, input: t.requires.fields.includes('reason') ? { reason: comment ?? '-' } : {} },
        system,
      );
    };
    if (gate && status === 'rejected')
      await takeIfPossible(gate.onReject, body.comment ?? 'Rejected in approval');
    if (gate && status === 'approved') await takeIfPossible(gate.gates, body.comment);
    const [fresh] = await tx.select().from(orders).where(eq(orders.id, o.id));
    return approvalView(
      tx,
      updated!,
      fresh!,
      wf.definition,
      ctx.locale,
      workflowActor(staff),
      staff,
      delegators,
    );
  });
}

/** The approvals inbox: pending approvals whose waiting step this user may decide. */
export async function listApprovals(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'orders.approve');
  const staff = scope.actor;
  const delegators = await activeDelegators(ctx.db, staff, ctx.clock.now());
  const rows = await ctx.db
    .select({ a: approvals, o: orders })
    .from(approvals)
    .innerJoin(orders, eq(orders.id, approvals.orderId))
    .where(and(eq(approvals.businessId, staff.businessId), eq(approvals.status, 'pending')))
    .orderBy(asc(approvals.createdAt))
    .limit(500);
  const items: Approval[] = [];
  for (const { a, o } of rows) {
    const wf = await workflowById(ctx.db, o.workflowId!);
    const v = await approvalView(
      ctx.db,
      a,
      o,
      wf.definition,
      ctx.locale,
      workflowActor(staff),
      staff,
      delegators,
    );
    if (v.canDecide) items.push(v);
  }
  return { items, nextCursor: null };
}

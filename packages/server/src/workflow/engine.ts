import type { Transition, transitionRequestSchema, WorkflowDefinition } from '@orderloop/contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scope } from '../access/access.ts';
import { inScope } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { approvals, orderHistory } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, ValidationError, WorkflowError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { orderOwnership } from '../orders/read.ts';
import { openApprovalIfNeeded } from './approvals.ts';
import { currentWorkflow, stateOf, transitionOf, workflowById } from './definitions.ts';
import { applyEffect, enterState, recordEvent, slaDue } from './effects.ts';

export type TransitionRequest = z.output<typeof transitionRequestSchema>;
export type WorkflowActor =
  | { type: 'user'; id: string; scopeFor: (t: Transition) => Scope | null }
  | { type: 'customer'; id: string }
  | { type: 'system' };
type OrderRow = typeof orders.$inferSelect;
export type Outcome = { row: OrderRow; replayed: boolean };

const nameOf = (d: WorkflowDefinition, key: string, locale: Ctx['locale']) =>
  stateOf(d, key)?.name[locale] ?? key;

/** May this actor take this transition on this order (ignoring state and conditions)? */
export function actorMay(t: Transition, o: OrderRow, actor: WorkflowActor): boolean {
  if (actor.type === 'system') return t.actors.includes('system');
  if (actor.type === 'customer') return t.actors.includes('customer') && o.customerId === actor.id;
  if (!t.actors.includes('staff')) return false;
  const scope = actor.scopeFor(t);
  return !!scope && inScope(scope, orderOwnership(o));
}

export const hasPendingApproval = async (tx: Tx, orderId: string) =>
  (
    await tx
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.orderId, orderId), eq(approvals.status, 'pending')))
      .limit(1)
  ).length > 0;

/** The state an order came into its current one from: where `@previous` leads. */
async function previousState(tx: Tx, o: OrderRow): Promise<string> {
  const [h] = await tx
    .select({ from: orderHistory.fromState })
    .from(orderHistory)
    .where(
      and(
        eq(orderHistory.orderId, o.id),
        eq(orderHistory.toState, o.state),
        sql`${orderHistory.fromState} <> ${o.state}`,
      ),
    )
    .orderBy(desc(orderHistory.versionAfter))
    .limit(1);
  return h?.from ?? o.state;
}

/**
 * Moves one order along one declared transition, in the caller's transaction: the order row is
 * locked, then the version, the state, the actor, the required input and the conditions are checked;
 * the move, its history entry, its event, its side effects and its audit entry commit together.
 * A repeat of the transition that produced the current version is answered as a replay, not redone.
 */
export async function runTransition(
  tx: Tx,
  ctx: Ctx,
  orderId: string,
  req: TransitionRequest,
  actor: WorkflowActor,
): Promise<Outcome> {
  const now = ctx.clock.now();
  const [o] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!o) throw new Error(`order ${orderId} vanished`);
  const wf = o.workflowId ? await workflowById(tx, o.workflowId) : await currentWorkflow(tx, o.businessId);
  const d = wf.definition;
  const t = transitionOf(d, req.action);
  const stateName = nameOf(d, o.state, ctx.locale);

  const replay = async () => {
    if (req.expectedVersion === undefined) return false;
    const [h] = await tx
      .select()
      .from(orderHistory)
      .where(and(eq(orderHistory.orderId, o.id), eq(orderHistory.versionAfter, req.expectedVersion + 1)));
    const same =
      h?.action === req.action &&
      (actor.type === 'system' ? h.actorType === 'system' : h.actorId === actor.id);
    return same;
  };
  const allowedNow = () =>
    d.transitions
      .filter((x) => x.from.includes(o.state) && actorMay(x, o, actor))
      .map((x) => x.name[ctx.locale]);

  if (req.expectedVersion !== undefined && req.expectedVersion !== o.version) {
    if (await replay()) return { row: o, replayed: true };
    throw new WorkflowError(
      'VERSION_CONFLICT',
      { key: 'workflow.versionConflict', vars: { state: stateName, version: o.version } },
      { state: o.state, version: o.version },
    );
  }
  if (t?.from.includes(o.state) && !actorMay(t, o, actor))
    throw new ForbiddenError({ key: 'workflow.forbidden', vars: { action: t.name[ctx.locale] } });
  if (!t?.from.includes(o.state)) {
    const allowed = allowedNow();
    throw new WorkflowError(
      'TRANSITION_NOT_ALLOWED',
      {
        key: 'workflow.notAllowed',
        vars: {
          state: stateName,
          action: t?.name[ctx.locale] ?? req.action,
          allowed: allowed.join(', ') || '—',
        },
      },
      { state: o.state, version: o.version, allowedActions: allowed },
    );
  }

  const missing = [
    ...(t.requires.comment && !req.comment ? ['comment'] : []),
    ...t.requires.fields.filter((f) => req.input[f] === undefined),
  ];
  if (missing.length)
    throw new ValidationError(
      missing.map((f) => ({
        field: f === 'comment' ? 'body.comment' : `body.input.${f}`,
        code: 'required',
        message: '',
      })),
    );
  for (const c of t.conditions) {
    if (c.type === 'payment_status' && !c.in.includes(o.paymentStatus))
      throw new WorkflowError(
        'TRANSITION_NOT_ALLOWED',
        { key: 'workflow.paymentStatus', vars: { action: t.name[ctx.locale], status: o.paymentStatus } },
        { state: o.state, version: o.version },
      );
    if (c.type === 'no_pending_approval' && (await hasPendingApproval(tx, o.id)))
      throw new WorkflowError(
        'APPROVAL_PENDING',
        { key: 'workflow.approvalPending', vars: { action: t.name[ctx.locale] } },
        { state: o.state, version: o.version },
      );
  }

  const to = t.to === '@previous' ? await previousState(tx, o) : t.to;
  const moved = to !== o.state;
  const target = stateOf(d, to)!;
  if (req.input.stage !== undefined && !target.stages.includes(req.input.stage))
    throw new ValidationError([
      { field: 'body.input.stage', code: 'enum', message: target.stages.join(', ') },
    ]);

  const [row] = await tx
    .update(orders)
    .set({
      state: to,
      version: o.version + 1,
      stage: req.input.stage ?? (moved ? null : o.stage),
      updatedAt: now,
      ...(moved ? { stateEnteredAt: now, dueAt: slaDue(d, to, now) } : {}),
      ...(o.submittedAt === null && target.category !== 'draft' ? { submittedAt: now } : {}),
    })
    .where(and(eq(orders.id, o.id), eq(orders.version, o.version)))
    .returning();
  const actorId = actor.type === 'system' ? null : actor.id;
  await tx.insert(orderHistory).values({
    id: newId(now.getTime()),
    orderId: o.id,
    action: t.action,
    fromState: o.state,
    toState: to,
    versionAfter: row!.version,
    actorType: actor.type,
    actorId,
    comment: req.comment ?? null,
    input: req.input,
    at: now,
  });
  const eventId = await recordEvent(
    tx,
    row!,
    'order.transitioned',
    {
      action: t.action,
      from: o.state,
      to,
      version: row!.version,
      number: o.number,
      customerId: o.customerId,
      salesRepId: o.salesRepId,
    },
    now,
  );
  const env = { tx, now, actorUserId: actor.type === 'user' ? actor.id : null, eventId };
  for (const e of t.effects) await applyEffect(env, row!, e);
  if (moved) await enterState(env, row!, target);
  // submitting a draft is where its approval rules are first checked
  if (t.action === d.submitAction) await openApprovalIfNeeded(tx, ctx, row!, wf);
  await recordAudit(tx, ctx, {
    action: `order.${t.action}`,
    entityType: 'order',
    entityId: o.id,
    storeId: o.storeId,
    businessId: o.businessId,
    before: { state: o.state, stage: o.stage },
    after: { state: to, stage: row!.stage, comment: req.comment, ...req.input },
  });
  const [fresh] = await tx.select().from(orders).where(eq(orders.id, o.id));
  return { row: fresh!, replayed: false };
}

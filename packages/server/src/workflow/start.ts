import type { Tx } from '../db/connect.ts';
import type { orders } from '../db/order-schema.ts';
import { orderHistory } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { newId } from '../lib/ids.ts';
import { openApprovalIfNeeded } from './approvals.ts';
import { type LoadedWorkflow, stateOf, transitionOf } from './definitions.ts';
import { applyEffect, type EffectEnv, enterState, recordEvent, slaDue } from './effects.ts';

type OrderRow = typeof orders.$inferSelect;

/** Where a new order starts: its definition's draft state, or the submit transition's target. */
export function initialPlacement(wf: LoadedWorkflow, submit: boolean, now: Date) {
  const d = wf.definition;
  const state = submit ? (transitionOf(d, d.submitAction)!.to as string) : d.draftState;
  return { workflowId: wf.id, state, stateEnteredAt: now, dueAt: slaDue(d, state, now) };
}

/**
 * The workflow side of entering an order, in its transaction: a submitted order has taken the
 * submit transition (its effects — reserving stock — and the new state's timers and notices run, and
 * approval rules are checked); a draft only gets its first history entry.
 */
export async function startWorkflow(
  tx: Tx,
  ctx: Ctx,
  row: OrderRow,
  wf: LoadedWorkflow,
  submit: boolean,
  actor: { type: 'user' | 'customer'; id: string },
  /** The order was inserted in this transaction (see EffectEnv's `fresh` and `deferStock`). */
  fresh?: Pick<EffectEnv, 'fresh' | 'deferStock'>,
) {
  const now = ctx.clock.now();
  const d = wf.definition;
  const t = transitionOf(d, d.submitAction)!;
  await tx.insert(orderHistory).values({
    id: newId(now.getTime()),
    orderId: row.id,
    action: submit ? t.action : 'create',
    fromState: submit ? d.draftState : null,
    toState: row.state,
    versionAfter: row.version,
    actorType: actor.type,
    actorId: actor.id,
    at: now,
  });
  const eventId = await recordEvent(
    tx,
    row,
    submit ? 'order.submitted' : 'order.created',
    {
      number: row.number,
      to: row.state,
      version: row.version,
      customerId: row.customerId,
      salesRepId: row.salesRepId,
    },
    now,
  );
  if (!submit) return;
  const env = {
    tx,
    now,
    actorUserId: actor.type === 'user' ? actor.id : null,
    eventId,
    linesField: 'body.lines',
    ...fresh,
  };
  for (const e of t.effects) await applyEffect(env, row, e);
  await enterState(env, row, stateOf(d, row.state)!);
  await openApprovalIfNeeded(tx, ctx, row, wf, !!fresh?.fresh);
}

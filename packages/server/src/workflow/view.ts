import type { Approval, Locale, OrderWorkflow, WorkflowDefinition } from '@orderloop/contract';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import type { orders } from '../db/order-schema.ts';
import { users } from '../db/schema.ts';
import { approvalDecisions, approvals, orderHistory } from '../db/workflow-schema.ts';
import { eligibleFor } from './approvals.ts';
import { stateOf, workflowById } from './definitions.ts';
import { actorMay, type WorkflowActor } from './engine.ts';

type OrderRow = typeof orders.$inferSelect;
type ApprovalRow = typeof approvals.$inferSelect;

const namesOf = async (db: DbOrTx, ids: (string | null)[]) => {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** An approval as people read it: rule names in their language, decisions per step, who may act. */
export async function approvalView(
  db: DbOrTx,
  a: ApprovalRow,
  o: OrderRow,
  d: WorkflowDefinition,
  locale: Locale,
  actor: WorkflowActor | null,
  staff?: Parameters<typeof eligibleFor>[0],
  delegators: Parameters<typeof eligibleFor>[0][] = [],
): Promise<Approval> {
  const decisions = await db
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.approvalId, a.id))
    .orderBy(asc(approvalDecisions.at));
  const names = await namesOf(db, [...decisions.map((x) => x.userId), ...decisions.map((x) => x.onBehalfOf)]);
  const waiting = a.steps[a.step];
  const decidedHere = decisions.some(
    (x) => x.step === a.step && actor?.type === 'user' && x.userId === actor.id,
  );
  const open = a.status === 'pending' && !!waiting && !!staff && !decidedHere;
  const self = open && eligibleFor(staff!, waiting!, o);
  // as a delegate: for an approver who has not decided this step, never on an order I entered
  const decidedBy = new Set(
    decisions.filter((x) => x.step === a.step).flatMap((x) => [x.userId, x.onBehalfOf ?? '']),
  );
  const via =
    open && !self && o.createdBy !== staff!.userId
      ? delegators.find((d) => !decidedBy.has(d.userId) && eligibleFor(d, waiting!, o))
      : undefined;
  return {
    id: a.id,
    orderId: o.id,
    orderNumber: o.number,
    status: a.status,
    rules: a.rules.map((key) => ({
      key,
      name: d.approvalRules.find((r) => r.key === key)?.name[locale] ?? key,
    })),
    step: a.step,
    steps: a.steps.map((s, i) => ({
      rule: s.rule,
      permission: s.permission,
      role: s.role ?? null,
      mode: s.mode,
      count: s.count,
      decisions: decisions
        .filter((x) => x.step === i)
        .map((x) => ({
          userId: x.userId,
          userName: names.get(x.userId) ?? '?',
          decision: x.decision,
          comment: x.comment,
          at: x.at.toISOString(),
          onBehalfOf: x.onBehalfOf ? { userId: x.onBehalfOf, name: names.get(x.onBehalfOf) ?? '?' } : null,
        })),
    })),
    canDecide: self || !!via,
    delegatedFrom: via ? { userId: via.userId, name: via.displayName } : null,
    orderTotal: o.total,
    currency: o.currency,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

/** Where an order stands: its state in the caller's language, SLA, history and the actions open to them. */
export async function workflowView(
  db: DbOrTx,
  o: OrderRow,
  locale: Locale,
  actor: WorkflowActor,
  staff: Parameters<typeof eligibleFor>[0] | undefined,
  now: Date,
): Promise<OrderWorkflow | undefined> {
  if (!o.workflowId) return undefined;
  const wf = await workflowById(db, o.workflowId);
  const d = wf.definition;
  const state = stateOf(d, o.state);
  const history = await db
    .select()
    .from(orderHistory)
    .where(eq(orderHistory.orderId, o.id))
    .orderBy(asc(orderHistory.versionAfter));
  const names = await namesOf(
    db,
    history.filter((h) => h.actorType === 'user').map((h) => h.actorId),
  );
  const [latest] = await db
    .select()
    .from(approvals)
    .where(eq(approvals.orderId, o.id))
    .orderBy(desc(approvals.createdAt))
    .limit(1);
  const pending = latest?.status === 'pending';
  const actionName = (a: string) =>
    d.transitions.find((t) => t.action === a)?.name[locale] ?? (a === 'create' ? '—' : a);
  return {
    workflowId: wf.id,
    key: wf.key,
    version: wf.version,
    state: o.state,
    stateName: state?.name[locale] ?? o.state,
    category: state?.category ?? 'open',
    stage: o.stage,
    stateEnteredAt: (o.stateEnteredAt ?? o.createdAt).toISOString(),
    dueAt: o.dueAt?.toISOString() ?? null,
    overdue: !!o.dueAt && o.dueAt < now,
    allowedActions: d.transitions
      .filter((t) => t.from.includes(o.state) && actorMay(t, o, actor))
      .map((t) => ({
        action: t.action,
        name: t.name[locale],
        to: t.to,
        tone: t.tone,
        requires: t.requires,
        blockedBy: pending && t.conditions.some((c) => c.type === 'no_pending_approval') ? 'approval' : null,
      })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actionName: actionName(h.action),
      fromState: h.fromState,
      toState: h.toState,
      actorType: h.actorType,
      actorId: h.actorId,
      actorName: h.actorType === 'user' ? (names.get(h.actorId ?? '') ?? null) : null,
      comment: h.comment,
      input: h.input,
      at: h.at.toISOString(),
    })),
    approval: latest ? await approvalView(db, latest, o, d, locale, actor, staff) : null,
    states: d.states.map((s) => ({ key: s.key, name: s.name[locale], category: s.category })),
  };
}

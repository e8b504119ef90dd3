import type { ComplaintAction, ComplaintState } from '@orderloop/contract';

/**
 * The complaint workflow as a table: for each action, the states it leaves from — separately for
 * staff (holding complaints.handle for the complaint's store) and for the customer who owns it —
 * and the state it leads to. Anything not in the table is refused.
 */
export type ComplaintTransition = {
  to: ComplaintState;
  staffFrom: readonly ComplaintState[];
  customerFrom: readonly ComplaintState[];
  /** Resolving says what was done. */
  needsComment: boolean;
};

export const complaintTransitions: Record<ComplaintAction, ComplaintTransition> = {
  start: { to: 'in_progress', staffFrom: ['open'], customerFrom: [], needsComment: false },
  resolve: { to: 'resolved', staffFrom: ['open', 'in_progress'], customerFrom: [], needsComment: true },
  // a customer may withdraw a complaint at any point, or accept a resolution by closing it
  close: {
    to: 'closed',
    staffFrom: ['resolved'],
    customerFrom: ['open', 'in_progress', 'resolved'],
    needsComment: false,
  },
  // a customer not satisfied reopens a resolved complaint; staff may also reopen a closed one
  reopen: { to: 'open', staffFrom: ['resolved', 'closed'], customerFrom: ['resolved'], needsComment: false },
};

export type ComplaintActorKind = 'staff' | 'customer';

/** May this kind of actor take this action from this state? */
export const mayTake = (action: ComplaintAction, state: ComplaintState, who: ComplaintActorKind) =>
  (who === 'staff'
    ? complaintTransitions[action].staffFrom
    : complaintTransitions[action].customerFrom
  ).includes(state);

/** The actions open to this kind of actor in this state, in table order. */
export const actionsFor = (state: ComplaintState, who: ComplaintActorKind): ComplaintAction[] =>
  (Object.keys(complaintTransitions) as ComplaintAction[]).filter((a) => mayTake(a, state, who));

/** States a complaint still needs work in: they carry an SLA, count as open, can get refunds. */
export const activeStates: readonly ComplaintState[] = ['open', 'in_progress'];
export const isActive = (s: ComplaintState) => activeStates.includes(s);

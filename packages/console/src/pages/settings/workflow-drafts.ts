import type { WorkflowDefinition, WorkflowState } from '@orderloop/contract';

type Transition = WorkflowDefinition['transitions'][number];

/** A state key renamed everywhere it is named, so renaming does not break the graph. */
export function renameState(d: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
  const swap = (k: string) => (k === from ? to : k);
  return {
    ...d,
    draftState: swap(d.draftState),
    states: d.states.map((s) => (s.key === from ? { ...s, key: to } : s)),
    transitions: d.transitions.map((t) => ({ ...t, from: t.from.map(swap), to: swap(t.to) })),
  };
}

export const newState = (n: number): WorkflowState => ({
  key: `state_${n}`,
  category: 'in_progress',
  name: { 'zh-CN': `新状态${n}`, en: `New state ${n}`, ja: `新しい状態${n}` },
  slaMinutes: null,
  escalateAfterMinutes: null,
  stages: [],
  onEnter: [],
});

export const newTransition = (d: WorkflowDefinition, n: number): Transition => ({
  action: `action_${n}`,
  name: { 'zh-CN': `新操作${n}`, en: `New action ${n}`, ja: `新しい操作${n}` },
  from: [d.states[1]?.key ?? d.draftState],
  to: d.states[2]?.key ?? d.draftState,
  actors: ['staff'],
  permissions: ['orders.transition'],
  requires: { comment: false, fields: [] },
  conditions: [],
  effects: [],
  tone: 'default',
});

/**
 * An action key renamed where the definition refers to it (submit, approval gate and rejection,
 * timers), so renaming a transition does not leave those pointing nowhere.
 */
export function renameAction(d: WorkflowDefinition, row: number, to: string): WorkflowDefinition {
  const from = d.transitions[row]?.action;
  const swap = (k: string) => (k === from ? to : k);
  const retime = <E extends { type: string }>(e: E): E =>
    e.type === 'set_timer' ? { ...e, action: swap((e as E & { action: string }).action) } : e;
  const taken = d.transitions.some((x, i) => i !== row && x.action === from);
  if (!from || taken)
    // another transition still answers to the old key: only this row changes
    return { ...d, transitions: d.transitions.map((x, i) => (i === row ? { ...x, action: to } : x)) };
  return {
    ...d,
    submitAction: swap(d.submitAction),
    approval: d.approval ? { gates: swap(d.approval.gates), onReject: swap(d.approval.onReject) } : null,
    states: d.states.map((s) => ({ ...s, onEnter: s.onEnter.map(retime) })),
    transitions: d.transitions.map((x, i) => ({
      ...x,
      action: i === row ? to : x.action,
      effects: x.effects.map(retime),
    })),
  };
}

import type { FieldError, WorkflowDefinition } from '@orderloop/contract';

/**
 * The graph checks a schema cannot express, run before a definition is published: unique keys, known
 * states and actions, every state reachable from the draft, at least one terminal state, timers and
 * approvals that name real system-takeable transitions. Returns every problem, not the first.
 */
export function validateDefinition(d: WorkflowDefinition, at = 'body.definition'): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string, message: string) =>
    errors.push({ field: `${at}.${field}`, code, message });

  const states = new Map(d.states.map((s) => [s.key, s]));
  d.states.forEach((s, i) => {
    if (d.states.findIndex((o) => o.key === s.key) !== i)
      fail(`states.${i}.key`, 'duplicate', `State "${s.key}" is declared twice`);
  });
  const actions = new Map(d.transitions.map((t) => [t.action, t]));
  d.transitions.forEach((t, i) => {
    if (d.transitions.findIndex((o) => o.action === t.action) !== i)
      fail(`transitions.${i}.action`, 'duplicate', `Action "${t.action}" is declared twice`);
    t.from.forEach((f, j) => {
      if (!states.has(f)) fail(`transitions.${i}.from.${j}`, 'unknown_state', `Unknown state "${f}"`);
    });
    if (t.to !== '@previous' && !states.has(t.to))
      fail(`transitions.${i}.to`, 'unknown_state', `Unknown state "${t.to}"`);
    if (t.requires.fields.includes('stage') && t.to !== '@previous' && !states.get(t.to)?.stages.length)
      fail(`transitions.${i}.requires.fields`, 'no_stages', `State "${t.to}" has no production stages`);
    if (t.actors.includes('staff') && !t.permissions.length)
      fail(`transitions.${i}.permissions`, 'required', `Staff action "${t.action}" names no permission`);
  });

  const draft = states.get(d.draftState);
  if (!draft) fail('draftState', 'unknown_state', `Unknown state "${d.draftState}"`);
  else if (draft.category !== 'draft')
    fail('draftState', 'not_draft', `State "${d.draftState}" is not of the draft category`);
  const submit = actions.get(d.submitAction);
  if (!submit) fail('submitAction', 'unknown_action', `Unknown action "${d.submitAction}"`);
  else if (!submit.from.includes(d.draftState) || submit.to === '@previous')
    fail(
      'submitAction',
      'not_from_draft',
      `Action "${d.submitAction}" must lead from "${d.draftState}" to a state`,
    );

  const systemTakes = (action: string, field: string) => {
    const t = actions.get(action);
    if (!t) fail(field, 'unknown_action', `Unknown action "${action}"`);
    else if (!t.actors.includes('system'))
      fail(field, 'not_system', `Action "${action}" cannot be taken by the system`);
    return t;
  };
  d.states.forEach((s, i) => {
    s.onEnter.forEach((e, j) => {
      if (e.type !== 'set_timer') return;
      const t = systemTakes(e.action, `states.${i}.onEnter.${j}.action`);
      if (t && !t.from.includes(s.key))
        fail(
          `states.${i}.onEnter.${j}.action`,
          'not_from_state',
          `Action "${e.action}" does not leave "${s.key}"`,
        );
    });
  });
  d.transitions.forEach((t, i) => {
    t.effects.forEach((e, j) => {
      if (e.type === 'set_timer') systemTakes(e.action, `transitions.${i}.effects.${j}.action`);
    });
  });
  if (d.approval) {
    if (!actions.has(d.approval.gates))
      fail('approval.gates', 'unknown_action', `Unknown action "${d.approval.gates}"`);
    systemTakes(d.approval.onReject, 'approval.onReject');
  } else if (d.approvalRules.length) {
    fail('approval', 'required', 'Approval rules need an approval gate');
  }

  // reachability from the draft state along declared transitions
  const seen = new Set<string>([d.draftState]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of d.transitions) {
      if (t.to === '@previous' || seen.has(t.to) || !t.from.some((f) => seen.has(f))) continue;
      seen.add(t.to);
      grew = true;
    }
  }
  d.states.forEach((s, i) => {
    if (!seen.has(s.key)) fail(`states.${i}.key`, 'unreachable', `State "${s.key}" cannot be reached`);
  });

  const terminal = d.states.filter((s) => !d.transitions.some((t) => t.from.includes(s.key)));
  if (!terminal.length) fail('states', 'no_terminal', 'At least one state must have no way out');
  terminal.forEach((s) => {
    if (s.category !== 'done' && s.category !== 'cancelled')
      fail(
        `states.${d.states.indexOf(s)}.category`,
        'terminal_category',
        `State "${s.key}" has no way out, so it must be done or cancelled`,
      );
  });
  return errors;
}

import {
  type FieldError,
  format,
  type Locale,
  type WorkflowDefinition,
  workflowCheckMessages,
} from '@orderloop/contract';

/**
 * The graph checks a schema cannot express, run before a definition is published: unique keys, known
 * states and actions, every state reachable from the draft, at least one terminal state, timers and
 * approvals that name real system-takeable transitions. Returns every problem, not the first.
 */
export function validateDefinition(
  d: WorkflowDefinition,
  locale: Locale = 'en',
  at = 'body.definition',
): FieldError[] {
  const errors: FieldError[] = [];
  // the message key is the code unless one code has several wordings
  const fail = (field: string, code: string, vars: Record<string, string> = {}, key = code) =>
    errors.push({
      field: `${at}.${field}`,
      code,
      message: format(workflowCheckMessages[key]![locale], vars),
    });

  const states = new Map(d.states.map((s) => [s.key, s]));
  d.states.forEach((s, i) => {
    if (d.states.findIndex((o) => o.key === s.key) !== i)
      fail(`states.${i}.key`, 'duplicate', { key: s.key }, 'duplicate_state');
  });
  const actions = new Map(d.transitions.map((t) => [t.action, t]));
  d.transitions.forEach((t, i) => {
    if (d.transitions.findIndex((o) => o.action === t.action) !== i)
      fail(`transitions.${i}.action`, 'duplicate', { key: t.action }, 'duplicate_action');
    t.from.forEach((f, j) => {
      if (!states.has(f)) fail(`transitions.${i}.from.${j}`, 'unknown_state', { key: f });
    });
    if (t.to !== '@previous' && !states.has(t.to))
      fail(`transitions.${i}.to`, 'unknown_state', { key: t.to });
    if (t.requires.fields.includes('stage') && t.to !== '@previous' && !states.get(t.to)?.stages.length)
      fail(`transitions.${i}.requires.fields`, 'no_stages', { key: t.to });
    if (t.actors.includes('staff') && !t.permissions.length)
      fail(`transitions.${i}.permissions`, 'required', { key: t.action }, 'permission_required');
  });

  const draft = states.get(d.draftState);
  if (!draft) fail('draftState', 'unknown_state', { key: d.draftState });
  else if (draft.category !== 'draft') fail('draftState', 'not_draft', { key: d.draftState });
  const submit = actions.get(d.submitAction);
  if (!submit) fail('submitAction', 'unknown_action', { key: d.submitAction });
  else if (!submit.from.includes(d.draftState) || submit.to === '@previous')
    fail('submitAction', 'not_from_draft', { key: d.submitAction, from: d.draftState });

  const systemTakes = (action: string, field: string) => {
    const t = actions.get(action);
    if (!t) fail(field, 'unknown_action', { key: action });
    else if (!t.actors.includes('system')) fail(field, 'not_system', { key: action });
    return t;
  };
  d.states.forEach((s, i) => {
    s.onEnter.forEach((e, j) => {
      if (e.type !== 'set_timer') return;
      const t = systemTakes(e.action, `states.${i}.onEnter.${j}.action`);
      if (t && !t.from.includes(s.key))
        fail(`states.${i}.onEnter.${j}.action`, 'not_from_state', { key: e.action, from: s.key });
    });
  });
  d.transitions.forEach((t, i) => {
    t.effects.forEach((e, j) => {
      if (e.type === 'set_timer') systemTakes(e.action, `transitions.${i}.effects.${j}.action`);
    });
  });
  if (d.approval) {
    if (!actions.has(d.approval.gates)) fail('approval.gates', 'unknown_action', { key: d.approval.gates });
    systemTakes(d.approval.onReject, 'approval.onReject');
  } else if (d.approvalRules.length) {
    fail('approval', 'required', {}, 'approval_required');
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
    if (!seen.has(s.key)) fail(`states.${i}.key`, 'unreachable', { key: s.key });
  });

  const terminal = d.states.filter((s) => !d.transitions.some((t) => t.from.includes(s.key)));
  if (!terminal.length) fail('states', 'no_terminal');
  terminal.forEach((s) => {
    if (s.category !== 'done' && s.category !== 'cancelled')
      fail(`states.${d.states.indexOf(s)}.category`, 'terminal_category', { key: s.key });
  });
  return errors;
}

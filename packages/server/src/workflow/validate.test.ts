import { type WorkflowDefinitionInput, workflowDefinitionSchema } from '@orderloop/contract';
import { describe, expect, it } from 'vitest';
import { b2bWorkflow, restaurantWorkflow } from './built-in.ts';
import { validateDefinition } from './validate.ts';

const parse = (d: WorkflowDefinitionInput) => workflowDefinitionSchema.parse(d);
const codes = (d: WorkflowDefinitionInput) => validateDefinition(parse(d)).map((e) => `${e.field}:${e.code}`);
const clone = (d: WorkflowDefinitionInput): WorkflowDefinitionInput => structuredClone(d);

describe('validateDefinition', () => {
  it('accepts both built-in definitions', () => {
    expect(codes(restaurantWorkflow)).toEqual([]);
    expect(codes(b2bWorkflow)).toEqual([]);
  });

  it('names a transition to an unknown state and an unreachable one', () => {
    const d = clone(b2bWorkflow);
    d.transitions.find((t) => t.action === 'close')!.to = 'archived';
    expect(codes(d)).toContain('body.definition.transitions.9.to:unknown_state');
    // closed is now unreachable and nothing else is terminal
    expect(codes(d)).toContain('body.definition.states.8.key:unreachable');
  });

  it('refuses duplicate keys and a definition with no way to end', () => {
    const d = clone(restaurantWorkflow);
    d.states.push({ ...d.states[1]! });
    d.transitions.push({ ...d.transitions[1]! });
    const c = codes(d);
    expect(c).toContain(`body.definition.states.${d.states.length - 1}.key:duplicate`);
    expect(c).toContain(`body.definition.transitions.${d.transitions.length - 1}.action:duplicate`);

    const loop = clone(restaurantWorkflow);
    loop.transitions.push({
      action: 'reopen',
      name: { 'zh-CN': '重开', en: 'Reopen', ja: '再開' },
      from: ['completed', 'rejected', 'cancelled'],
      to: 'submitted',
    });
    expect(codes(loop)).toContain('body.definition.states:no_terminal');
  });

  it('requires a timer action the system may take from that state', () => {
    const d = clone(restaurantWorkflow);
    const submitted = d.states.find((s) => s.key === 'submitted')!;
    submitted.onEnter = [{ type: 'set_timer', timer: 't', afterMinutes: 5, action: 'accept' }];
    expect(codes(d)).toContain('body.definition.states.1.onEnter.0.action:not_system');
    submitted.onEnter = [{ type: 'set_timer', timer: 't', afterMinutes: 5, action: 'nope' }];
    expect(codes(d)).toContain('body.definition.states.1.onEnter.0.action:unknown_action');
  });

  it('checks the draft state, submit action and approval gate', () => {
    const d = clone(b2bWorkflow);
    d.draftState = 'submitted';
    d.approval = { gates: 'approve', onReject: 'review' };
    const c = codes(d);
    expect(c).toContain('body.definition.draftState:not_draft');
    expect(c).toContain('body.definition.submitAction:not_from_draft');
    expect(c).toContain('body.definition.approval.onReject:not_system');
  });

  it('requires production stages where a transition reports one', () => {
    const d = clone(b2bWorkflow);
    d.states.find((s) => s.key === 'in_production')!.stages = [];
    expect(codes(d)).toContain('body.definition.transitions.5.requires.fields:no_stages');
  });
});

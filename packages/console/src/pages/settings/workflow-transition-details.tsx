import { type Transition, transitionInputFields, type WorkflowState } from '@orderloop/contract';
import { Select, Space, Switch } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ConditionsEditor } from './transition-conditions-editor.tsx';
import { type ActionOption, EffectsEditor } from './transition-effects-editor.tsx';
import { DetailSection, Field, Problems } from './workflow-fields.tsx';
import { allMessages, type Issues, issuesUnder } from './workflow-issues.ts';

/** The parts of a transition that do not fit its row: what it requires, when it may run, what it sets off. */
export function TransitionDetails({
  transition: x,
  onChange,
  issues,
  actions,
  events,
}: {
  transition: Transition;
  onChange: (patch: Partial<Transition>) => void;
  issues: Issues;
  actions: ActionOption[];
  events: string[];
}) {
  const { t } = useI18n();
  return (
    <div data-testid={`transition-details-${x.action}`} style={{ padding: '4px 8px' }}>
      <Space wrap size={16} align="start">
        <Field label={t('workflows.requiresComment')}>
          <Switch
            size="small"
            checked={x.requires.comment}
            onChange={(comment) => onChange({ requires: { ...x.requires, comment } })}
            data-testid="requires-comment"
          />
        </Field>
        <Field label={t('workflows.requiresFields')}>
          <Select
            size="small"
            mode="multiple"
            value={x.requires.fields}
            style={{ minWidth: 260 }}
            placeholder={t('workflows.none')}
            onChange={(fields) => onChange({ requires: { ...x.requires, fields } })}
            options={transitionInputFields.map((f) => ({ value: f, label: t(`order.input.${f}`) }))}
            data-testid="requires-fields"
          />
          <Problems messages={allMessages(issuesUnder(issues, 'requires'))} />
        </Field>
        <Field label={t('workflows.tone')}>
          <Select
            size="small"
            value={x.tone}
            style={{ width: 120 }}
            onChange={(tone) => onChange({ tone })}
            options={(['primary', 'default', 'danger'] as const).map((v) => ({
              value: v,
              label: t(`workflows.tone.${v}`),
            }))}
          />
        </Field>
      </Space>
      <DetailSection title={t('workflows.conditions')}>
        <ConditionsEditor
          value={x.conditions}
          onChange={(conditions) => onChange({ conditions })}
          issues={issuesUnder(issues, 'conditions')}
        />
      </DetailSection>
      <DetailSection title={t('workflows.effects')}>
        <EffectsEditor
          value={x.effects}
          onChange={(effects) => onChange({ effects })}
          issues={issuesUnder(issues, 'effects')}
          actions={actions}
          events={events}
          testId="transition-effects"
        />
      </DetailSection>
    </div>
  );
}

/** A state's escalation, production stages, editability and what happens on entering it. */
export function StateDetails({
  state: s,
  onChange,
  issues,
  actions,
  events,
}: {
  state: WorkflowState;
  onChange: (patch: Partial<WorkflowState>) => void;
  issues: Issues;
  actions: ActionOption[];
  events: string[];
}) {
  const { t } = useI18n();
  const editable = s.editable === undefined ? 'auto' : s.editable ? 'yes' : 'no';
  return (
    <div data-testid={`state-details-${s.key}`} style={{ padding: '4px 8px' }}>
      <Space wrap size={16} align="start">
        <Field label={t('workflows.stages')}>
          <Select
            size="small"
            mode="tags"
            value={s.stages}
            style={{ minWidth: 260 }}
            placeholder={t('workflows.none')}
            onChange={(stages) => onChange({ stages })}
            data-testid="state-stages"
          />
          <Problems messages={allMessages(issuesUnder(issues, 'stages'))} />
        </Field>
        <Field label={t('workflows.editable')}>
          <Select
            size="small"
            value={editable}
            style={{ width: 200 }}
            onChange={(v) => onChange({ editable: v === 'auto' ? undefined : v === 'yes' })}
            options={(['auto', 'yes', 'no'] as const).map((v) => ({
              value: v,
              label: t(`workflows.editable.${v}`),
            }))}
          />
        </Field>
      </Space>
      <DetailSection title={t('workflows.onEnter')}>
        <EffectsEditor
          value={s.onEnter}
          onChange={(onEnter) => onChange({ onEnter })}
          issues={issuesUnder(issues, 'onEnter')}
          actions={actions}
          events={events}
          testId="state-effects"
        />
      </DetailSection>
    </div>
  );
}

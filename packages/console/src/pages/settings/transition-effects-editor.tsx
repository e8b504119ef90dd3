import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type Effect,
  type EffectType,
  effectTypes,
  notifyChannels,
  notifyTargets,
} from '@orderloop/contract';
import { AutoComplete, Button, Dropdown, Input, InputNumber, Select } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Field, itemStyle, Problems, rowStyle } from './workflow-fields.tsx';
import { allMessages, type Issues, issuesUnder } from './workflow-issues.ts';

export type ActionOption = { action: string; label: string; system: boolean };

/** What a newly added effect starts as: valid where the schema allows a sensible default. */
function newEffect(type: EffectType, n: number, actions: ActionOption[]): Effect {
  switch (type) {
    case 'notify':
      return { type, event: 'order_ready', to: ['store_staff'], channels: ['in_app'] };
    case 'set_timer':
      return {
        type,
        timer: `timer_${n}`,
        afterMinutes: 60,
        action: actions.find((a) => a.system)?.action ?? '',
      };
    default:
      return { type };
  }
}

function EffectParams({
  effect,
  onChange,
  actions,
  events,
}: {
  effect: Effect;
  onChange: (e: Effect) => void;
  actions: ActionOption[];
  events: string[];
}) {
  const { t } = useI18n();
  if (effect.type === 'notify')
    return (
      <>
        <Field label={t('workflows.effect.event')}>
          <AutoComplete
            size="small"
            value={effect.event}
            style={{ width: 170 }}
            options={events.map((e) => ({ value: e }))}
            onChange={(event: string) => onChange({ ...effect, event })}
            data-testid="effect-event"
          />
        </Field>
        <Field label={t('notify.to')}>
          <Select
            size="small"
            mode="multiple"
            value={effect.to}
            style={{ minWidth: 220 }}
            onChange={(to) => onChange({ ...effect, to })}
            options={notifyTargets.map((x) => ({ value: x, label: t(`notify.target.${x}`) }))}
            data-testid="effect-to"
          />
        </Field>
        <Field label={t('notify.channels')}>
          <Select
            size="small"
            mode="multiple"
            value={effect.channels}
            style={{ minWidth: 180 }}
            onChange={(channels) => onChange({ ...effect, channels })}
            options={notifyChannels.map((x) => ({ value: x, label: t(`notify.channel.${x}`) }))}
            data-testid="effect-channels"
          />
        </Field>
      </>
    );
  if (effect.type === 'set_timer')
    return (
      <>
        <Field label={t('workflows.effect.timer')}>
          <Input
            size="small"
            className="mono"
            value={effect.timer}
            style={{ width: 130 }}
            onChange={(e) => onChange({ ...effect, timer: e.target.value })}
          />
        </Field>
        <Field label={t('workflows.effect.afterMinutes')}>
          <InputNumber
            size="small"
            min={1}
            max={129600}
            value={effect.afterMinutes}
            onChange={(v) => onChange({ ...effect, afterMinutes: v ?? 1 })}
            data-testid="effect-minutes"
          />
        </Field>
        <Field label={t('workflows.effect.timerAction')}>
          <Select
            size="small"
            showSearch
            value={effect.action}
            style={{ width: 200 }}
            onChange={(action) => onChange({ ...effect, action })}
            options={actions.map((a) => ({
              value: a.action,
              label: `${a.label} (${a.action})${a.system ? '' : ` · ${t('workflows.effect.notSystem')}`}`,
            }))}
            data-testid="effect-action"
          />
        </Field>
      </>
    );
  return <span className="muted">{t(`workflows.effect.hint.${effect.type}`)}</span>;
}

/**
 * The effects a transition sets off (or a state on entry), in order: each with its type and the
 * parameters that type needs; problems from validation sit under the effect they are about.
 */
export function EffectsEditor({
  value,
  onChange,
  issues,
  actions,
  events,
  testId,
}: {
  value: Effect[];
  onChange: (v: Effect[]) => void;
  issues: Issues;
  actions: ActionOption[];
  events: string[];
  testId: string;
}) {
  const { t } = useI18n();
  const set = (i: number, e: Effect) => onChange(value.map((x, j) => (j === i ? e : x)));
  return (
    <div data-testid={testId}>
      <Problems messages={issues['']} />
      {value.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: effects have no identity but their place
        <div key={i} data-testid="effect-row" data-effect={e.type} style={itemStyle}>
          <div style={rowStyle}>
            <Field label={t('workflows.effect.type')}>
              <Select
                size="small"
                value={e.type}
                style={{ width: 150 }}
                onChange={(type) => set(i, newEffect(type, i + 1, actions))}
                options={effectTypes.map((x) => ({ value: x, label: t(`workflows.effect.${x}`) }))}
                data-testid="effect-type"
              />
            </Field>
            <EffectParams effect={e} onChange={(x) => set(i, x)} actions={actions} events={events} />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('workflows.remove')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              data-testid="effect-remove"
            />
          </div>
          <Problems messages={allMessages(issuesUnder(issues, String(i)))} />
        </div>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: effectTypes.map((x) => ({
            key: x,
            label: <span data-testid={`effect-add-${x}`}>{t(`workflows.effect.${x}`)}</span>,
          })),
          onClick: ({ key }) => onChange([...value, newEffect(key as EffectType, value.length + 1, actions)]),
        }}
      >
        <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="effect-add">
          {t('workflows.addEffect')}
        </Button>
      </Dropdown>
    </div>
  );
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type Locale,
  type Permission,
  permissions,
  stateCategories,
  type WorkflowDefinition,
  type WorkflowState,
} from '@orderloop/contract';
import { Button, Input, InputNumber, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';

type Transition = WorkflowDefinition['transitions'][number];
// rows carry their position: it is their identity while keys are being edited
type StateRow = WorkflowState & { row: number };
type TransitionRow = Transition & { row: number };
export type RowErrors = Record<string, string[]>; // 'states.3' → messages

const locales: Locale[] = ['zh-CN', 'en', 'ja'];

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

const newState = (n: number): WorkflowState => ({
  key: `state_${n}`,
  category: 'in_progress',
  name: { 'zh-CN': `新状态${n}`, en: `New state ${n}`, ja: `新しい状態${n}` },
  slaMinutes: null,
  escalateAfterMinutes: null,
  stages: [],
  onEnter: [],
});

const newTransition = (d: WorkflowDefinition, n: number): Transition => ({
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

function Problems({ messages }: { messages?: string[] }) {
  return messages?.length ? <div className="field-problem">{messages.join('; ')}</div> : null;
}

function NameInputs({
  value,
  onChange,
}: {
  value: Record<Locale, string>;
  onChange: (v: Record<Locale, string>) => void;
}) {
  return (
    <Space.Compact block>
      {locales.map((l) => (
        <Input
          key={l}
          size="small"
          value={value[l]}
          placeholder={l}
          onChange={(e) => onChange({ ...value, [l]: e.target.value })}
        />
      ))}
    </Space.Compact>
  );
}

/** States and transitions of a copied definition as editable rows; every edit produces a new draft. */
export function WorkflowEditor({
  draft,
  onChange,
  errors,
}: {
  draft: WorkflowDefinition;
  onChange: (d: WorkflowDefinition) => void;
  errors: RowErrors;
}) {
  const { t } = useI18n();
  const stateOptions = draft.states.map((s) => ({ value: s.key, label: s.key }));
  const setState = (i: number, patch: Partial<WorkflowState>) =>
    onChange({ ...draft, states: draft.states.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setTransition = (i: number, patch: Partial<Transition>) =>
    onChange({ ...draft, transitions: draft.transitions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const stateColumns: TableColumnsType<StateRow> = [
    {
      title: t('workflows.stateKey'),
      key: 'key',
      width: 170,
      render: (_, s) => (
        <>
          <Input
            size="small"
            className="mono"
            value={s.key}
            onChange={(e) => onChange(renameState(draft, s.key, e.target.value))}
            data-testid="state-key"
          />
          <Problems messages={errors[`states.${s.row}`]} />
        </>
      ),
    },
    {
      title: t('workflows.stateName'),
      key: 'name',
      render: (_, s) => <NameInputs value={s.name} onChange={(name) => setState(s.row, { name })} />,
    },
    {
      title: t('workflows.category'),
      key: 'category',
      width: 130,
      render: (_, s) => (
        <Select
          size="small"
          value={s.category}
          style={{ width: '100%' }}
          onChange={(category) => setState(s.row, { category })}
          options={stateCategories.map((c) => ({ value: c, label: t(`workflows.category.${c}`) }))}
        />
      ),
    },
    {
      title: t('workflows.sla'),
      key: 'sla',
      width: 110,
      render: (_, s) => (
        <InputNumber
          size="small"
          min={1}
          max={129600}
          value={s.slaMinutes}
          placeholder="—"
          onChange={(v) => setState(s.row, { slaMinutes: v ?? null })}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: '',
      key: 'del',
      width: 40,
      render: (_, s) =>
        s.key === draft.draftState ? (
          <Tag>{t('workflows.draftTag')}</Tag>
        ) : (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange({ ...draft, states: draft.states.filter((_, j) => j !== s.row) })}
          />
        ),
    },
  ];

  const transitionColumns: TableColumnsType<TransitionRow> = [
    {
      title: t('workflows.action'),
      key: 'action',
      width: 150,
      render: (_, x) => (
        <>
          <Input
            size="small"
            className="mono"
            value={x.action}
            onChange={(e) => setTransition(x.row, { action: e.target.value })}
          />
          <Problems messages={errors[`transitions.${x.row}`]} />
        </>
      ),
    },
    {
      title: t('workflows.actionName'),
      key: 'name',
      width: 280,
      render: (_, x) => <NameInputs value={x.name} onChange={(name) => setTransition(x.row, { name })} />,
    },
    {
      title: t('workflows.from'),
      key: 'from',
      width: 200,
      render: (_, x) => (
        <Select
          size="small"
          mode="multiple"
          showSearch
          value={x.from}
          style={{ width: '100%' }}
          onChange={(from) => setTransition(x.row, { from })}
          options={stateOptions}
        />
      ),
    },
    {
      title: t('workflows.to'),
      key: 'to',
      width: 150,
      render: (_, x) => (
        <Select
          size="small"
          showSearch
          value={x.to}
          style={{ width: '100%' }}
          onChange={(to) => setTransition(x.row, { to })}
          options={[...stateOptions, { value: '@previous', label: t('workflows.previous') }]}
          data-testid="transition-to"
        />
      ),
    },
    {
      title: t('workflows.whoMay'),
      key: 'who',
      render: (_, x) => (
        <Space.Compact block>
          <Select
            size="small"
            mode="multiple"
            value={x.actors}
            style={{ width: '40%' }}
            onChange={(actors) => setTransition(x.row, { actors })}
            options={(['staff', 'customer', 'system'] as const).map((a) => ({
              value: a,
              label: t(`workflows.actor.${a}`),
            }))}
          />
          <Select<Permission[]>
            size="small"
            mode="multiple"
            value={x.permissions}
            style={{ width: '60%' }}
            onChange={(p) => setTransition(x.row, { permissions: p })}
            options={permissions.map((p) => ({ value: p, label: p }))}
            maxTagCount="responsive"
          />
        </Space.Compact>
      ),
    },
    {
      title: '',
      key: 'del',
      width: 40,
      render: (_, x) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={() => onChange({ ...draft, transitions: draft.transitions.filter((_, j) => j !== x.row) })}
        />
      ),
    },
  ];

  return (
    <>
      <div className="section-title">
        {t('workflows.states')}
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange({ ...draft, states: [...draft.states, newState(draft.states.length + 1)] })}
          data-testid="state-add"
        >
          {t('workflows.addState')}
        </Button>
      </div>
      <Table<StateRow>
        size="small"
        rowKey="row"
        columns={stateColumns}
        dataSource={draft.states.map((st, row) => ({ ...st, row }))}
        pagination={false}
        data-testid="states-table"
      />
      <div className="section-title">
        {t('workflows.transitions')}
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() =>
            onChange({
              ...draft,
              transitions: [...draft.transitions, newTransition(draft, draft.transitions.length + 1)],
            })
          }
          data-testid="transition-add"
        >
          {t('workflows.addTransition')}
        </Button>
      </div>
      <Table<TransitionRow>
        size="small"
        rowKey="row"
        columns={transitionColumns}
        dataSource={draft.transitions.map((tr, row) => ({ ...tr, row }))}
        pagination={false}
        data-testid="transitions-table"
      />
    </>
  );
}

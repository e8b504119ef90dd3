import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type Permission,
  permissions,
  routes,
  stateCategories,
  type WorkflowDefinition,
  type WorkflowState,
} from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, InputNumber, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, type ReactNode, useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { ApprovalRulesEditor } from './approval-rules-editor.tsx';
import type { ActionOption } from './transition-effects-editor.tsx';
import { newState, newTransition, renameAction, renameState } from './workflow-drafts.ts';
import { NameInputs, Problems } from './workflow-fields.tsx';
import { allMessages, type Issues, issuesUnder, rowsWithDetailIssues } from './workflow-issues.ts';
import { DetailsToggle, useToggleSet } from './workflow-row-details.tsx';
import { StateDetails, TransitionDetails } from './workflow-transition-details.tsx';

type Transition = WorkflowDefinition['transitions'][number];
// rows carry their position: it is their identity while keys are being edited
type StateRow = WorkflowState & { row: number };
type TransitionRow = Transition & { row: number };

// the parts of a row edited in its expanded details, not in the row itself
const stateDetail = ['stages', 'editable', 'onEnter'];
const transitionDetail = ['requires', 'conditions', 'effects', 'tone'];
const fallbackEvents = ['new_order', 'order_accepted', 'order_ready', 'order_shipped', 'order_approved'];

/** Row-level problems: those about the row's own cells, not its details. */
const rowMessages = (issues: Issues, detail: string[]) =>
  allMessages(
    Object.fromEntries(Object.entries(issues).filter(([k]) => !detail.includes(k.split('.')[0] ?? ''))),
  );

function Section({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="section-title">
      {title}
      {children}
    </div>
  );
}

/**
 * States, transitions (with their requirements, conditions and effects in expandable details) and
 * the approval rules of a copied definition; every edit produces a new draft.
 */
export function WorkflowEditor({
  draft,
  onChange,
  issues,
  onOpenTransitions,
}: {
  draft: WorkflowDefinition;
  onChange: (d: WorkflowDefinition) => void;
  issues: Issues;
  onOpenTransitions?: (actions: string[]) => void;
}) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const templates = useQuery({
    queryKey: ['notification-templates'],
    queryFn: () => api.call(routes.listNotificationTemplates),
    enabled: can('channels.manage'),
  });
  const events = (templates.data?.map((x) => x.event) ?? fallbackEvents).filter((e) => e !== 'default');
  const [openStates, toggleState] = useToggleSet(rowsWithDetailIssues(issues, 'states', stateDetail));
  const [openTransitions, toggleTransition] = useToggleSet(
    rowsWithDetailIssues(issues, 'transitions', transitionDetail),
  );
  const openActions = [...openTransitions].map((i) => draft.transitions[i]?.action ?? '').join(',');
  useEffect(() => {
    onOpenTransitions?.(openActions ? openActions.split(',') : []);
  }, [openActions, onOpenTransitions]);

  const stateOptions = draft.states.map((s) => ({ value: s.key, label: s.key }));
  const actions: ActionOption[] = draft.transitions.map((x) => ({
    action: x.action,
    label: x.name[locale] || x.action,
    system: x.actors.includes('system'),
  }));
  const setState = (i: number, patch: Partial<WorkflowState>) =>
    onChange({ ...draft, states: draft.states.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setTransition = (i: number, patch: Partial<Transition>) =>
    onChange({ ...draft, transitions: draft.transitions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const minutes = (value: number | null, set: (v: number | null) => void, testId?: string) => (
    <InputNumber
      size="small"
      min={1}
      max={129600}
      value={value}
      placeholder="—"
      onChange={(v) => set(v ?? null)}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );

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
          <Problems messages={rowMessages(issuesUnder(issues, `states.${s.row}`), stateDetail)} />
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
      render: (_, s) => minutes(s.slaMinutes, (slaMinutes) => setState(s.row, { slaMinutes })),
    },
    {
      title: t('workflows.escalateAfter'),
      key: 'escalate',
      width: 120,
      render: (_, s) =>
        minutes(
          s.escalateAfterMinutes,
          (escalateAfterMinutes) => setState(s.row, { escalateAfterMinutes }),
          'state-escalate',
        ),
    },
    {
      title: '',
      key: 'details',
      width: 110,
      render: (_, s) => (
        <DetailsToggle
          open={openStates.has(s.row)}
          count={s.onEnter.length + s.stages.length}
          onClick={() => toggleState(s.row)}
          testId="state-details"
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
            onChange={(e) => onChange(renameAction(draft, x.row, e.target.value))}
            data-testid="transition-action"
          />
          <Problems messages={rowMessages(issuesUnder(issues, `transitions.${x.row}`), transitionDetail)} />
        </>
      ),
    },
    {
      title: t('workflows.actionName'),
      key: 'name',
      width: 260,
      render: (_, x) => <NameInputs value={x.name} onChange={(name) => setTransition(x.row, { name })} />,
    },
    {
      title: t('workflows.from'),
      key: 'from',
      width: 190,
      render: (_, x) => (
        <Select
          size="small"
          mode="multiple"
          showSearch
          value={x.from}
          style={{ width: '100%' }}
          onChange={(from) => setTransition(x.row, { from })}
          options={stateOptions}
          maxTagCount="responsive"
        />
      ),
    },
    {
      title: t('workflows.to'),
      key: 'to',
      width: 140,
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
            maxTagCount="responsive"
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
      key: 'details',
      width: 110,
      render: (_, x) => (
        <DetailsToggle
          open={openTransitions.has(x.row)}
          count={
            x.effects.length + x.conditions.length + x.requires.fields.length + (x.requires.comment ? 1 : 0)
          }
          onClick={() => toggleTransition(x.row)}
          testId="transition-details"
        />
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
      <Section title={t('workflows.states')}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange({ ...draft, states: [...draft.states, newState(draft.states.length + 1)] })}
          data-testid="state-add"
        >
          {t('workflows.addState')}
        </Button>
      </Section>
      <Table<StateRow>
        size="small"
        rowKey="row"
        columns={stateColumns}
        dataSource={draft.states.map((st, row) => ({ ...st, row }))}
        pagination={false}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: [...openStates],
          expandedRowRender: (s) => (
            <StateDetails
              state={s}
              onChange={(patch) => setState(s.row, patch)}
              issues={issuesUnder(issues, `states.${s.row}`)}
              actions={actions}
              events={events}
            />
          ),
        }}
        data-testid="states-table"
      />
      <Section title={t('workflows.transitions')}>
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
      </Section>
      <Table<TransitionRow>
        size="small"
        rowKey="row"
        columns={transitionColumns}
        dataSource={draft.transitions.map((tr, row) => ({ ...tr, row }))}
        pagination={false}
        onRow={(x) => ({ 'data-action': x.action }) as HTMLAttributes<HTMLElement>}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: [...openTransitions],
          expandedRowRender: (x) => (
            <TransitionDetails
              transition={x}
              onChange={(patch) => setTransition(x.row, patch)}
              issues={issuesUnder(issues, `transitions.${x.row}`)}
              actions={actions}
              events={events}
            />
          ),
        }}
        data-testid="transitions-table"
      />
      <Section title={t('workflows.approval')} />
      <ApprovalRulesEditor draft={draft} onChange={onChange} issues={issues} />
    </>
  );
}

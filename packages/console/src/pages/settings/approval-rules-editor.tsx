import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ApprovalRule,
  type Permission,
  permissions,
  routes,
  type WorkflowDefinition,
} from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, InputNumber, Select, Space, Switch } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { currencySymbol, toMajor, toMinor } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { DetailSection, Field, itemStyle, NameInputs, Problems } from './workflow-fields.tsx';
import { allMessages, type Issues, issuesUnder } from './workflow-issues.ts';

type When = ApprovalRule['when'];
type Step = ApprovalRule['steps'][number];
const whenTypes: When['type'][] = ['discount_percent_over', 'total_over', 'price_override'];

const newWhen = (type: When['type']): When =>
  type === 'discount_percent_over'
    ? { type, percent: 10 }
    : type === 'total_over'
      ? { type, amount: 1_000_000 }
      : { type };
const newStep = (): Step => ({ permission: 'orders.approve', mode: 'any', count: 1 });
const newRule = (n: number): ApprovalRule => ({
  key: `rule_${n}`,
  name: { 'zh-CN': `审批规则${n}`, en: `Approval rule ${n}`, ja: `承認ルール${n}` },
  when: newWhen('discount_percent_over'),
  steps: [newStep()],
});

/** A first guess when approval is switched on: the action waiting on approvals, a system-takeable way back. */
function defaultApproval(d: WorkflowDefinition) {
  const gate = d.transitions.find((x) => x.conditions.some((c) => c.type === 'no_pending_approval'));
  const back = d.transitions.find((x) => x.actors.includes('system') && x.action !== gate?.action);
  return { gates: gate?.action ?? d.submitAction, onReject: back?.action ?? d.submitAction };
}

function StepRow({ step, onChange, roles }: { step: Step; onChange: (s: Step) => void; roles: string[] }) {
  const { t } = useI18n();
  return (
    <Space wrap align="end" size={8}>
      <Field label={t('workflows.step.permission')}>
        <Select<Permission>
          size="small"
          showSearch
          value={step.permission}
          style={{ width: 170 }}
          onChange={(permission) => onChange({ ...step, permission })}
          options={permissions.map((p) => ({ value: p, label: p }))}
        />
      </Field>
      <Field label={t('workflows.step.role')}>
        <Select
          size="small"
          allowClear
          showSearch
          value={step.role}
          placeholder={t('workflows.step.anyRole')}
          style={{ width: 150 }}
          onChange={(role?: string) => onChange({ ...step, role: role || undefined })}
          options={roles.map((r) => ({ value: r, label: r }))}
          data-testid="step-role"
        />
      </Field>
      <Field label={t('workflows.step.mode')}>
        <Select
          size="small"
          value={step.mode}
          style={{ width: 180 }}
          onChange={(mode) =>
            onChange({ ...step, mode, count: mode === 'any' ? 1 : Math.max(2, step.count) })
          }
          options={(['any', 'all'] as const).map((m) => ({ value: m, label: t(`workflows.step.mode.${m}`) }))}
          data-testid="step-mode"
        />
      </Field>
      <Field label={t('workflows.step.count')}>
        <InputNumber
          size="small"
          min={1}
          max={10}
          disabled={step.mode === 'any'}
          value={step.count}
          onChange={(v) => onChange({ ...step, count: v ?? 1 })}
          data-testid="step-count"
        />
      </Field>
    </Space>
  );
}

function RuleEditor({
  rule,
  onChange,
  onRemove,
  issues,
  roles,
  currency,
}: {
  rule: ApprovalRule;
  onChange: (r: ApprovalRule) => void;
  onRemove: () => void;
  issues: Issues;
  roles: string[];
  currency: string;
}) {
  const { t, locale } = useI18n();
  const w = rule.when;
  const setStep = (i: number, s: Step) =>
    onChange({ ...rule, steps: rule.steps.map((x, j) => (j === i ? s : x)) });
  const own = Object.fromEntries(Object.entries(issues).filter(([k]) => !k.startsWith('steps.')));
  return (
    <div style={{ ...itemStyle, paddingBottom: 10 }} data-testid="approval-rule" data-rule={rule.key}>
      <Space wrap align="end" size={8}>
        <Field label={t('workflows.rule.key')}>
          <Input
            size="small"
            className="mono"
            value={rule.key}
            style={{ width: 140 }}
            onChange={(e) => onChange({ ...rule, key: e.target.value })}
          />
        </Field>
        <Field label={t('workflows.stateName')} style={{ width: 380 }}>
          <NameInputs value={rule.name} onChange={(name) => onChange({ ...rule, name })} />
        </Field>
        <Field label={t('workflows.rule.when')}>
          <Select
            size="small"
            value={w.type}
            style={{ width: 170 }}
            onChange={(type) => onChange({ ...rule, when: newWhen(type) })}
            options={whenTypes.map((x) => ({ value: x, label: t(`workflows.rule.${x}`) }))}
          />
        </Field>
        {w.type === 'discount_percent_over' ? (
          <Field label={t('workflows.rule.percent')}>
            <InputNumber
              size="small"
              min={0}
              max={100}
              value={w.percent}
              suffix="%"
              onChange={(v) => onChange({ ...rule, when: { ...w, percent: v ?? 0 } })}
              data-testid="rule-percent"
            />
          </Field>
        ) : null}
        {w.type === 'total_over' ? (
          <Field label={t('workflows.rule.amount')}>
            <InputNumber
              size="small"
              min={0}
              value={toMajor(w.amount, currency)}
              prefix={currencySymbol(currency, locale)}
              style={{ width: 160 }}
              onChange={(v) => onChange({ ...rule, when: { ...w, amount: toMinor(v ?? 0, currency) } })}
              data-testid="rule-amount"
            />
          </Field>
        ) : null}
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('workflows.remove')}
        />
      </Space>
      <Problems messages={allMessages(own)} />
      <div style={{ marginInlineStart: 24, marginTop: 4 }}>
        {rule.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity but their order
          <div key={i} data-testid="approval-step">
            <Space align="end" size={8}>
              <span className="muted" style={{ width: 48 }}>
                {t('workflows.step.n', { n: i + 1 })}
              </span>
              <StepRow step={s} onChange={(x) => setStep(i, x)} roles={roles} />
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                disabled={rule.steps.length === 1}
                aria-label={t('workflows.remove')}
                onClick={() => onChange({ ...rule, steps: rule.steps.filter((_, j) => j !== i) })}
              />
            </Space>
            <Problems messages={allMessages(issuesUnder(issues, `steps.${i}`))} />
          </div>
        ))}
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 4 }}
          onClick={() => onChange({ ...rule, steps: [...rule.steps, newStep()] })}
        >
          {t('workflows.addStep')}
        </Button>
      </div>
    </div>
  );
}

/**
 * The definition's approval: which action an open approval holds back, which one a rejection takes,
 * and the rules that open one (discount over a percentage, total over an amount, a manual price)
 * with the steps of approvers each needs.
 */
export function ApprovalRulesEditor({
  draft,
  onChange,
  issues,
}: {
  draft: WorkflowDefinition;
  onChange: (d: WorkflowDefinition) => void;
  issues: Issues;
}) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const currency = me.stores[0]?.currency ?? 'CNY';
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => api.call(routes.listRoles),
    enabled: can('users.read'),
  });
  const roleKeys = (roles.data ?? []).map((r) => r.key);
  const actionOptions = draft.transitions.map((x) => ({ value: x.action, label: x.action }));
  const approval = draft.approval;
  const setRule = (i: number, r: ApprovalRule) =>
    onChange({ ...draft, approvalRules: draft.approvalRules.map((x, j) => (j === i ? r : x)) });
  return (
    <div data-testid="approval-editor">
      <Space wrap size={16} align="end">
        <Field label={t('workflows.approval.enabled')}>
          <Switch
            size="small"
            checked={!!approval}
            onChange={(on) =>
              onChange({
                ...draft,
                approval: on ? defaultApproval(draft) : null,
              })
            }
          />
        </Field>
        {approval ? (
          <>
            <Field label={t('workflows.approval.gates')}>
              <Select
                size="small"
                showSearch
                value={approval.gates}
                style={{ width: 180 }}
                onChange={(gates) => onChange({ ...draft, approval: { ...approval, gates } })}
                options={actionOptions}
              />
            </Field>
            <Field label={t('workflows.approval.onReject')}>
              <Select
                size="small"
                showSearch
                value={approval.onReject}
                style={{ width: 180 }}
                onChange={(onReject) => onChange({ ...draft, approval: { ...approval, onReject } })}
                options={actionOptions}
              />
            </Field>
          </>
        ) : null}
      </Space>
      <Problems messages={allMessages(issuesUnder(issues, 'approval'))} />
      <DetailSection
        title={t('workflows.approvalRules')}
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={draft.approvalRules.length >= 20}
            onClick={() =>
              onChange({
                ...draft,
                approvalRules: [...draft.approvalRules, newRule(draft.approvalRules.length + 1)],
              })
            }
            data-testid="rule-add"
          >
            {t('workflows.addRule')}
          </Button>
        }
      >
        <Problems messages={issues.approvalRules} />
        {draft.approvalRules.length ? null : <div className="muted">{t('workflows.noRules')}</div>}
        {draft.approvalRules.map((r, i) => (
          <RuleEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: keys are being edited; the place is the identity
            key={i}
            rule={r}
            onChange={(x) => setRule(i, x)}
            onRemove={() =>
              onChange({ ...draft, approvalRules: draft.approvalRules.filter((_, j) => j !== i) })
            }
            issues={issuesUnder(issues, `approvalRules.${i}`)}
            roles={roleKeys}
            currency={currency}
          />
        ))}
      </DetailSection>
    </div>
  );
}

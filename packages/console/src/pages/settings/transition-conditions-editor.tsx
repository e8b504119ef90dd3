import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Condition } from '@orderloop/contract';
import { Button, Dropdown, Select } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Field, itemStyle, Problems, rowStyle } from './workflow-fields.tsx';
import { allMessages, type Issues, issuesUnder } from './workflow-issues.ts';

type ConditionType = Condition['type'];
const conditionTypes: ConditionType[] = ['payment_status', 'no_pending_approval'];
const paymentStatuses = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;

const newCondition = (type: ConditionType): Condition =>
  type === 'payment_status' ? { type, in: ['paid'] } : { type };

/** What must hold before a transition may be taken; each condition on its own line. */
export function ConditionsEditor({
  value,
  onChange,
  issues,
}: {
  value: Condition[];
  onChange: (v: Condition[]) => void;
  issues: Issues;
}) {
  const { t } = useI18n();
  const set = (i: number, c: Condition) => onChange(value.map((x, j) => (j === i ? c : x)));
  return (
    <div data-testid="conditions">
      <Problems messages={issues['']} />
      {value.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
        <div key={i} style={itemStyle} data-testid="condition-row">
          <div style={rowStyle}>
            <Field label={t('workflows.condition.type')}>
              <Select
                size="small"
                value={c.type}
                style={{ width: 190 }}
                onChange={(type) => set(i, newCondition(type))}
                options={conditionTypes.map((x) => ({ value: x, label: t(`workflows.condition.${x}`) }))}
              />
            </Field>
            {c.type === 'payment_status' ? (
              <Field label={t('workflows.condition.paymentIn')}>
                <Select
                  size="small"
                  mode="multiple"
                  value={c.in}
                  style={{ minWidth: 240 }}
                  onChange={(v) => set(i, { ...c, in: v })}
                  options={paymentStatuses.map((x) => ({ value: x, label: t(`payment.${x}`) }))}
                />
              </Field>
            ) : (
              <span className="muted">{t('workflows.condition.hint.no_pending_approval')}</span>
            )}
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('workflows.remove')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </div>
          <Problems messages={allMessages(issuesUnder(issues, String(i)))} />
        </div>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: conditionTypes.map((x) => ({
            key: x,
            label: <span data-testid={`condition-add-${x}`}>{t(`workflows.condition.${x}`)}</span>,
            disabled: value.some((c) => c.type === x),
          })),
          onClick: ({ key }) => onChange([...value, newCondition(key as ConditionType)]),
        }}
      >
        <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="condition-add">
          {t('workflows.addCondition')}
        </Button>
      </Dropdown>
    </div>
  );
}

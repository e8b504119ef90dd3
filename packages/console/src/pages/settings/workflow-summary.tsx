import {
  type ApprovalRule,
  type Condition,
  type Effect,
  type Locale,
  routes,
  type WorkflowDefinition,
} from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { api } from '../../api/client.ts';
import type { Translate } from '../../i18n/i18n-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';

type Transition = WorkflowDefinition['transitions'][number];

function effectText(e: Effect, t: Translate) {
  const name = t(`workflows.effect.${e.type}`);
  if (e.type === 'notify')
    return `${name} ${e.event} → ${e.to.map((x) => t(`notify.target.${x}`)).join(', ')}`;
  if (e.type === 'set_timer') return `${name} ${e.afterMinutes}′ → ${e.action}`;
  return name;
}

const conditionText = (c: Condition, t: Translate) =>
  c.type === 'payment_status'
    ? `${t('workflows.condition.payment_status')} ${c.in.map((x) => t(`payment.${x}`)).join(' / ')}`
    : t('workflows.condition.no_pending_approval');

function ruleText(
  r: ApprovalRule,
  t: Translate,
  locale: Locale,
  currency: string,
  permName: (p: string) => string,
) {
  const w = r.when;
  const when =
    w.type === 'discount_percent_over'
      ? `${t('workflows.rule.discount_percent_over')} ${w.percent} %`
      : w.type === 'total_over'
        ? `${t('workflows.rule.total_over')} ${formatMoney(w.amount, currency, locale)}`
        : t('workflows.rule.price_override');
  const steps = r.steps
    .map(
      (s, i) =>
        `${t('workflows.step.n', { n: i + 1 })}: ${s.role ?? permName(s.permission)}${s.mode === 'all' ? ` ×${s.count}` : ''}`,
    )
    .join(' → ');
  return { when, steps };
}

/** A published definition read-only: what each transition requires, checks and sets off, and the approval rules. */
export function WorkflowSummary({ definition: d }: { definition: WorkflowDefinition }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const currency = me.stores[0]?.currency ?? 'CNY';
  // a permission by the name the roles matrix gives it, in the reader's language
  const perms = useQuery({ queryKey: ['permissions'], queryFn: () => api.call(routes.listPermissions) });
  const permName = (p: string) => perms.data?.find((x) => x.permission === p)?.label ?? p;
  const columns: TableColumnsType<Transition> = [
    {
      title: t('workflows.action'),
      key: 'action',
      width: 200,
      render: (_, x) => (
        <>
          {x.name[locale]} <span className="mono muted">{x.action}</span>
        </>
      ),
    },
    {
      title: t('workflows.to'),
      key: 'to',
      width: 140,
      render: (_, x) => <span className="mono">{x.to}</span>,
    },
    {
      title: t('workflows.requiresFields'),
      key: 'requires',
      width: 220,
      render: (_, x) => (
        <>
          {x.requires.comment ? <Tag color="blue">{t('workflows.requiresComment')}</Tag> : null}
          {x.requires.fields.map((f) => (
            <Tag key={f}>{t(`order.input.${f}`)}</Tag>
          ))}
          {x.conditions.map((c) => (
            <Tag key={c.type} color="purple">
              {conditionText(c, t)}
            </Tag>
          ))}
        </>
      ),
    },
    {
      title: t('workflows.effects'),
      key: 'effects',
      render: (_, x) =>
        x.effects.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: effects have no identity but their place
          <Tag key={i} color="gold">
            {effectText(e, t)}
          </Tag>
        )),
    },
  ];
  return (
    <>
      <div className="section-title">{t('workflows.transitions')}</div>
      <Table<Transition>
        size="small"
        rowKey="action"
        columns={columns}
        dataSource={d.transitions}
        pagination={false}
        data-testid="workflow-summary"
      />
      <div className="section-title">{t('workflows.approvalRules')}</div>
      {d.approvalRules.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="workflow-summary-rules">
          {d.approvalRules.map((r) => {
            const { when, steps } = ruleText(r, t, locale, currency, permName);
            return (
              <li key={r.key}>
                <b>{r.name[locale]}</b> — {when}
                <span className="muted"> · {steps}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <div className="muted">{t('workflows.noRules')}</div>
      )}
    </>
  );
}

import { type Order, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Tag, Timeline } from 'antd';
import { type ReactNode, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { AuditChanges } from '../audit-changes.tsx';
import { useCodeLabel } from './order-tags.tsx';

type Kind = 'history' | 'approval' | 'payment' | 'notice' | 'audit';
type Item = { key: string; kind: Kind; at: string; title: ReactNode; who?: string | null; body?: ReactNode };

const colors: Record<Kind, string> = {
  history: 'blue',
  approval: 'gold',
  payment: 'green',
  notice: 'gray',
  audit: 'purple',
};
const deliveryColors: Record<string, string> = {
  delivered: 'green',
  pending: 'blue',
  skipped: 'default',
  dead: 'red',
};

/**
 * Everything that happened to the order, oldest first, in one line: workflow steps, the approval
 * (requested, each decision, and where it waits now), the notices sent, and edits from the audit log
 * (for those who may read it). A filter narrows it to one kind.
 */
export function OrderHistory({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const { timeZone, can } = useSession();
  const label = useCodeLabel();
  const [only, setOnly] = useState<Kind | 'all'>('all');
  const wf = order.workflow;
  const deliveries = useQuery({
    queryKey: ['order', order.id, 'deliveries', order.version],
    queryFn: () => api.call(routes.listOrderDeliveries, { params: { id: order.id } }),
  });
  const audit = useQuery({
    queryKey: ['order', order.id, 'audit', order.version],
    queryFn: () =>
      api.call(routes.listAudit, { query: { entityType: 'order', entityId: order.id, limit: 100 } }),
    enabled: can('audit.read'),
  });
  // the same query as the payments card, so both share one request
  const payments = useQuery({
    queryKey: ['order-payments', order.id],
    queryFn: () => api.call(routes.listOrderPayments, { params: { id: order.id } }),
  });
  const stateName = (key: string | null) => (key ? (wf?.states.find((s) => s.key === key)?.name ?? key) : '');

  const items: Item[] = [];
  for (const h of wf?.history ?? [])
    items.push({
      key: h.id,
      kind: 'history',
      at: h.at,
      title:
        h.fromState === h.toState && typeof h.input.stage === 'string'
          ? `${h.actionName} · ${label('stage', h.input.stage)}`
          : `${h.actionName} → ${stateName(h.toState)}`,
      who: h.actorName ?? (h.actorType === 'system' ? t('timeline.system') : null),
      body: [h.comment, h.input.reason, h.input.trackingNumber].filter(Boolean).join(' · ') || null,
    });
  if (!wf?.history.length)
    items.push({ key: 'created', kind: 'history', at: order.createdAt, title: t('order.event.created') });
  const ap = wf?.approval;
  if (ap) {
    items.push({
      key: `ap-${ap.id}`,
      kind: 'approval',
      at: ap.createdAt,
      title: t('timeline.approvalRequested', { rules: ap.rules.map((r) => r.name).join('、') }),
    });
    ap.steps.forEach((s, i) => {
      for (const d of s.decisions)
        items.push({
          key: `ap-${ap.id}-${i}-${d.userId}`,
          kind: 'approval',
          at: d.at,
          title: t(d.decision === 'approve' ? 'timeline.approved' : 'timeline.rejected', {
            step: i + 1,
          }),
          who: d.userName,
          body: d.comment,
        });
    });
  }
  for (const d of deliveries.data ?? [])
    items.push({
      key: d.id,
      kind: 'notice',
      at: d.createdAt,
      title: (
        <>
          {t('timeline.notice', { event: label('noticeEvent', d.event ?? d.channel) })}{' '}
          <Tag className="small-tag">{label('channel', d.channel)}</Tag>
          <Tag color={deliveryColors[d.status]} className="small-tag" data-delivery={d.status}>
            {label('delivery', d.status)}
          </Tag>
        </>
      ),
      body: d.lastError,
    });
  for (const p of payments.data?.items ?? []) {
    const what = {
      method: t(`paymentMethod.${p.method}` as never),
      amount: formatMoney(p.amount, p.currency, locale),
    };
    items.push({
      key: p.id,
      kind: 'payment',
      at: p.recordedAt,
      title: t(p.kind === 'refund' ? 'timeline.refunded' : 'timeline.paid', what),
      who: p.recordedBy.name,
      body: [p.reference, p.note].filter(Boolean).join(' · ') || null,
    });
    if (p.voided)
      items.push({
        key: `${p.id}-void`,
        kind: 'payment',
        at: p.voided.at,
        title: t('timeline.paymentVoided', what),
        who: p.voided.by.name,
        body: p.voided.reason,
      });
  }
  // transitions are in the history already; the audit adds edits and other changes
  const steps = new Set((wf?.history ?? []).map((h) => `order.${h.action}`));
  for (const a of audit.data?.items ?? [])
    if (!steps.has(a.action) && Object.keys(a.changes).length)
      items.push({
        key: a.id,
        kind: 'audit',
        at: a.at,
        title: label('audit.action', a.action),
        who: a.actorName,
        body: <AuditChanges changes={a.changes} />,
      });
  items.sort((a, b) => a.at.localeCompare(b.at));
  const pending = ap?.status === 'pending' ? ap : null;
  const shown = only === 'all' ? items : items.filter((i) => i.kind === only);

  return (
    <Card
      size="small"
      title={t('order.timeline')}
      data-testid="order-timeline"
      extra={
        <Segmented
          size="small"
          value={only}
          onChange={(v) => setOnly(v as Kind | 'all')}
          options={[
            { value: 'all', label: t('timeline.all') },
            { value: 'history', label: t('timeline.steps') },
            { value: 'approval', label: t('timeline.approvals') },
            { value: 'payment', label: t('payments.title') },
            { value: 'notice', label: t('timeline.notices') },
            ...(can('audit.read') ? [{ value: 'audit', label: t('timeline.changes') }] : []),
          ]}
        />
      }
    >
      <Timeline
        items={[
          ...shown.map((e) => ({
            key: e.key,
            color: colors[e.kind],
            content: (
              <div data-kind={e.kind}>
                <div>{e.title}</div>
                {e.body ? <div className="timeline-comment">{e.body}</div> : null}
                <div className="muted">
                  {formatDateTime(e.at, locale, timeZone)}
                  {e.who ? ` · ${e.who}` : ''}
                </div>
              </div>
            ),
          })),
          ...(pending && (only === 'all' || only === 'approval')
            ? [
                {
                  key: 'waiting',
                  color: 'gold',
                  content: (
                    <div data-kind="approval-waiting" data-testid="approval-waiting">
                      <strong>
                        {t('timeline.waiting', { step: pending.step + 1, steps: pending.steps.length })}
                      </strong>
                      <div className="muted">
                        {pending.steps[pending.step]?.role ?? pending.steps[pending.step]?.permission}
                      </div>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

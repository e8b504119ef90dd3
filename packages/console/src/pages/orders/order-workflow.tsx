import type { Order } from '@orderloop/contract';
import { Card, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';

/*
 * WORKFLOW SLOT. The workflow engine will add to GET /api/orders/:id the actions this user may take
 * now (`allowedActions`) and the order's history, and a POST /api/orders/:id/transitions route.
 * When they are in the contract: render the actions as buttons in <OrderActions> (each posting a
 * transition with the order's `version`, then invalidating ['order', id] and ['orders']), and feed
 * the history (transitions, approvals, notifications, audit changes) into <OrderTimeline> instead of
 * the two timestamps the order carries today.
 */

type WithActions = Order & { allowedActions?: { action: string; label?: string }[] };

/** The actions slot: shown once the server says which actions are open (see WORKFLOW SLOT). */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useI18n();
  const actions = (order as WithActions).allowedActions;
  if (!actions) return null;
  return (
    <Card size="small" title={t('order.actions')} data-testid="order-actions">
      {actions.length ? null : <Typography.Text type="secondary">{t('order.noActions')}</Typography.Text>}
    </Card>
  );
}

/** What happened to the order, oldest first; today only what the order itself records. */
export function OrderTimeline({ order }: { order: Order }) {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const userName = useUserNames();
  const by = userName(order.createdBy);
  const items = [
    {
      key: 'created',
      title: t('order.event.created'),
      at: order.createdAt,
      who: by,
    },
    ...(order.submittedAt
      ? [{ key: 'submitted', title: t('order.event.submitted'), at: order.submittedAt, who: by }]
      : []),
  ];
  return (
    <Card size="small" title={t('order.timeline')} data-testid="order-timeline">
      <Timeline
        items={items.map((e) => ({
          key: e.key,
          content: (
            <>
              <div>{e.title}</div>
              <div className="muted">
                {formatDateTime(e.at, locale, timeZone)}
                {e.who ? ` · ${e.who}` : ''}
              </div>
            </>
          ),
        }))}
      />
    </Card>
  );
}

import { type AllowedAction, type Order, type OrderSummary, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ActionForm, type Transition } from '../orders/order-workflow.tsx';

type Wanted = { action: string } | { to: string };
type Asking = { order: Order; action: AllowedAction; stages: string[] };

const rank = (a: AllowedAction) => (a.tone === 'primary' ? 0 : a.tone === 'default' ? 1 : 2);

/**
 * Moving a card: the order is read fresh and the move is made only through one of the actions the
 * server allows this user now (a drop onto a column picks the action that reaches it). Required
 * input (reason, minutes, stage, tracking number, comment) is asked for first. The transition
 * carries the version read, so a card someone else moved meanwhile is a conflict, not a double move.
 */
export function useMove(stagesOf: (state: string) => string[], onMoved: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const take = useMutation({
    mutationFn: ({ order, tr }: { order: Order; tr: Transition }) =>
      api.call(routes.transitionOrder, {
        params: { id: order.id },
        body: {
          action: tr.action.action,
          expectedVersion: order.version,
          comment: tr.comment,
          input: tr.input,
        },
      }),
    onSuccess: (o, { tr }) => {
      setAsking(null);
      queryClient.setQueryData(['order', o.id], o);
      message.success(t('order.transitioned', { action: tr.action.name }));
      onMoved();
    },
    onError: (err) => {
      message.error(isApiError(err) ? err.problem.detail : t('order.actionFailed'));
      onMoved();
    },
    onSettled: () => setPending(null),
  });

  const move = async (card: OrderSummary, wanted: Wanted) => {
    setPending(card.id);
    let order: Order;
    try {
      order = await queryClient.fetchQuery({
        queryKey: ['order', card.id],
        queryFn: () => api.call(routes.getOrder, { params: { id: card.id } }),
        staleTime: 0,
      });
    } catch (err) {
      setPending(null);
      message.error(isApiError(err) ? err.problem.detail : String(err));
      return;
    }
    const allowed = order.workflow?.allowedActions ?? [];
    const action =
      'action' in wanted
        ? allowed.find((a) => a.action === wanted.action)
        : allowed.filter((a) => a.to === wanted.to).sort((a, b) => rank(a) - rank(b))[0];
    if (!action || action.blockedBy) {
      setPending(null);
      message.warning(action?.blockedBy ? t('board.blocked') : t('board.notAllowed'));
      if (order.state !== card.state) onMoved(); // the card was stale: show where it is now
      return;
    }
    if (action.requires.comment || action.requires.fields.length)
      setAsking({ order, action, stages: stagesOf(order.state) });
    else take.mutate({ order, tr: { action, input: {} } });
  };

  const form = asking ? (
    <ActionForm
      action={asking.action}
      stages={asking.stages}
      busy={take.isPending}
      onCancel={() => {
        setAsking(null);
        setPending(null);
      }}
      onSubmit={(tr) => take.mutate({ order: asking.order, tr })}
    />
  ) : null;

  return { move, form, pending };
}

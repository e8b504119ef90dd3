import { type OrderSummary, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Modal, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { OrderStateTag } from '../orders/order-tags.tsx';

/** A tapped card: every action the server allows this user on the order now, as large buttons. */
export function CardSheet({
  card,
  onClose,
  onAction,
}: {
  card: OrderSummary;
  onClose: () => void;
  onAction: (action: string) => void;
}) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['order', card.id],
    queryFn: () => api.call(routes.getOrder, { params: { id: card.id } }),
    staleTime: 0,
  });
  const wf = q.data?.workflow;
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={520}
      title={
        <Flex gap={10} align="center">
          <span className="mono">{card.number}</span>
          <OrderStateTag state={card.state} name={wf?.stateName ?? card.stateName} />
        </Flex>
      }
    >
      <div data-testid="card-sheet">
        {!q.data ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : (
          <Flex vertical gap={10}>
            {(wf?.allowedActions ?? []).map((a) => (
              <Button
                key={a.action}
                size="large"
                block
                type={a.tone === 'primary' ? 'primary' : 'default'}
                danger={a.tone === 'danger'}
                disabled={!!a.blockedBy}
                onClick={() => onAction(a.action)}
                data-action={a.action}
                className="sheet-action"
              >
                {a.name}
                {a.blockedBy ? ` · ${t('board.blocked')}` : ''}
              </Button>
            ))}
            {!wf?.allowedActions.length ? (
              <Typography.Text type="secondary">{t('order.noActions')}</Typography.Text>
            ) : null}
            <Link to={`/orders/${card.id}`} data-testid="card-open-order">
              {t('board.openOrder')}
            </Link>
          </Flex>
        )}
      </div>
    </Modal>
  );
}

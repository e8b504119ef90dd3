import { UnorderedListOutlined } from '@ant-design/icons';
import type { Order } from '@orderloop/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Flex, Spin } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { lineProducts } from './order-lines-edit.ts';
import { OrderLinesEditor } from './order-lines-editor.tsx';

/**
 * "Edit lines" on the order detail page: shown only where the server's read model says this user
 * may change lines now (`editable.lines`), opening the entry form's line grid on the order's lines.
 */
export function OrderLinesEditButton({ order }: { order: Order }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const products = useQuery({
    queryKey: ['order', order.id, 'line-products', order.lines.map((l) => l.productId).join()],
    queryFn: () => lineProducts(order),
    enabled: open,
    staleTime: 60_000,
  });
  if (!order.editable?.lines) return null;
  return (
    <>
      <Button icon={<UnorderedListOutlined />} onClick={() => setOpen(true)} data-testid="order-edit-lines">
        {t('orderLinesEdit.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('orderLinesEdit.title', { number: order.number })}
        size={1180}
        destroyOnHidden
        data-testid="order-lines-editor"
      >
        {products.error ? (
          <QueryError error={products.error} onRetry={() => void products.refetch()} />
        ) : !products.data ? (
          <Flex justify="center" style={{ padding: 60 }}>
            <Spin />
          </Flex>
        ) : (
          // a new version (after a reload) starts the editor again from the order as it is now
          <OrderLinesEditor
            key={order.version}
            order={order}
            products={products.data}
            onSaved={() => setOpen(false)}
            onReload={() => void queryClient.invalidateQueries({ queryKey: ['order', order.id] })}
          />
        )}
      </Drawer>
    </>
  );
}

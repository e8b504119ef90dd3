import { type Product, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Flex, Switch, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { problemText } from './catalog-data.ts';

/** Sold out per store, one switch each: the server marks or clears it in one action. */
export function SoldOutPanel({ product }: { product: Product }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (v: { storeId: string; soldOut: boolean }) =>
      api.call(routes.setSoldOut, { params: { id: product.id }, body: v }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['catalog', 'product', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
    },
    onError: (err) => message.error(problemText(err)),
  });
  const offered = (storeId: string) =>
    !product.availableStoreIds || product.availableStoreIds.includes(storeId);
  return (
    <Card size="small" title={t('catalog.soldOut')} style={{ marginBottom: 12 }} data-testid="sold-out-panel">
      <Flex vertical gap={8}>
        {me.stores.map((s) => {
          const soldOut = product.soldOutStoreIds.includes(s.id);
          return (
            <Flex key={s.id} justify="space-between" align="center">
              <span>
                {s.name} {soldOut ? <Tag color="red">{t('catalog.soldOutTag')}</Tag> : null}
                {offered(s.id) ? null : <Tag>{t('catalog.notOffered')}</Tag>}
              </span>
              <Switch
                checked={soldOut}
                disabled={!can('stock.adjust')}
                loading={toggle.isPending && toggle.variables?.storeId === s.id}
                onChange={(v) => toggle.mutate({ storeId: s.id, soldOut: v })}
                data-testid={`sold-out-${s.code}`}
              />
            </Flex>
          );
        })}
        {me.stores.length ? null : <span className="muted">{t('catalog.noStores')}</span>}
      </Flex>
    </Card>
  );
}

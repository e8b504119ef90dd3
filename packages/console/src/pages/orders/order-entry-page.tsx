import { type Product, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Flex, Spin } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { draftFromOrder, emptyDraft } from './order-draft.ts';
import { OrderForm } from './order-form.tsx';

/** An order and the products of its lines (for their option groups and stock), to duplicate it. */
async function loadSource(id: string) {
  const order = await api.call(routes.getOrder, { params: { id } });
  const ids = [...new Set(order.lines.map((l) => l.productId))];
  // a product since deleted or out of reach still duplicates, without its options
  const products = await Promise.all(
    ids.map((pid) => api.call(routes.getProduct, { params: { id: pid } }).catch(() => null)),
  );
  return { order, products: products.filter((p): p is Product => p !== null) };
}

export function OrderEntryPage() {
  const { t } = useI18n();
  const { me, can, currentStoreId } = useSession();
  const [params] = useSearchParams();
  const from = params.get('from');
  const source = useQuery({
    queryKey: ['order-source', from],
    queryFn: () => loadSource(from!),
    enabled: !!from,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const defaultStore = currentStoreId ?? me.stores[0]?.id ?? '';
  const initial = useMemo(() => {
    if (!source.data) return emptyDraft(defaultStore, me.business.kind === 'b2b' ? 'shipment' : 'dine_in');
    const { order, products } = source.data;
    const storeId = me.stores.some((s) => s.id === order.storeId) ? order.storeId : defaultStore;
    return draftFromOrder(order, products, { storeId, canOverride: can('orders.override_price') });
  }, [source.data, defaultStore, me, can]);

  const title = source.data
    ? t('orderForm.duplicateTitle', { number: source.data.order.number })
    : t('orderForm.title');
  return (
    <>
      <PageHeader title={title} subtitle={t('orderForm.subtitle')} />
      {from && source.error ? (
        <QueryError error={source.error} onRetry={() => void source.refetch()} />
      ) : from && !source.data ? (
        <Flex justify="center" style={{ padding: 80 }}>
          <Spin />
        </Flex>
      ) : (
        <OrderForm key={from ?? 'new'} initial={initial} />
      )}
    </>
  );
}

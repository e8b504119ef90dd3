import { type CustomerOrderSummary, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Status } from '../../components/status';
import { TabNav } from '../../components/tab-nav';
import { api } from '../../lib/api';
import { stateLabel, useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { go, when } from '../../lib/nav';
import { prefs } from '../../state/prefs';
import { session } from '../../state/session';
import { storefront } from '../../state/shop';
import { useStore } from '../../state/store';

export default function OrdersPage() {
  const t = useT();
  const { locale } = useStore(prefs);
  const { token } = useStore(session);
  const [items, setItems] = useState<CustomerOrderSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });

  const load = async (cursor?: string) => {
    if (!session.get().token) return;
    setState({ loading: true, error: null });
    try {
      const page = await api.call(routes.customerListOrders, { query: { limit: 20, cursor } });
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setState({ loading: false, error: null });
    } catch (error) {
      setState({ loading: false, error });
    }
  };
  useDidShow(() => void load());

  return (
    <View className="page">
      {!token ? (
        <View className="card">
          <View className="muted">{t('profile.guest')}</View>
          <View className="btn" style={{ marginTop: '16px' }} onClick={() => go('profile', { back: '1' })}>
            {t('profile.signIn')}
          </View>
        </View>
      ) : null}
      {token && !items.length ? (
        <Status loading={state.loading} error={state.error} onRetry={() => void load()} />
      ) : null}
      {token && !items.length && !state.loading && !state.error ? (
        <View className="card muted">{t('orders.empty')}</View>
      ) : null}
      {items.map((o) => (
        <View key={o.id} className="card" data-testid="order-row" onClick={() => go('order', { id: o.id })}>
          <View className="row" style={{ minHeight: '48px' }}>
            <View className="section-title" style={{ margin: 0 }}>
              {o.storeName}
            </View>
            <View className="tag">{stateLabel(locale, o.state)}</View>
          </View>
          <View className="muted">{o.itemsLabel}</View>
          <View className="row" style={{ minHeight: '56px' }}>
            <View className="muted">
              {o.number} · {when(o.createdAt, storefront.get().data?.timezone)}
            </View>
            <View className="price">{money(o.total, o.currency)}</View>
          </View>
        </View>
      ))}
      {next ? (
        <View className="card btn ghost" onClick={() => void load(next)}>
          {t('common.loadMore')}
        </View>
      ) : null}
      {items.length && state.error ? (
        <Status loading={false} error={state.error} onRetry={() => void load(next ?? undefined)} />
      ) : null}
      <TabNav current="orders" />
    </View>
  );
}

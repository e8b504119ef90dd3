import { type Order, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { QuoteTotals } from '../../components/quote-totals';
import { Status } from '../../components/status';
import { SubHeader } from '../../components/sub-header';
import { api } from '../../lib/api';
import { stateLabel, type TextKey, useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { switchTo, when } from '../../lib/nav';
import { prefs } from '../../state/prefs';
import { storefront } from '../../state/shop';
import { useStore } from '../../state/store';
import { timeline } from './timeline';
import './index.scss';

export default function OrderPage() {
  const t = useT();
  const { locale } = useStore(prefs);
  const { params } = useRouter();
  const [order, setOrder] = useState<Order | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null });
  const load = async () => {
    setState({ loading: true, error: null });
    try {
      setOrder(await api.call(routes.customerGetOrder, { params: { id: params.id ?? '' } }));
      setState({ loading: false, error: null });
    } catch (error) {
      setState({ loading: false, error });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the order id changes
  useEffect(() => void load(), [params.id]);

  if (!order)
    return (
      <View className="page">
        <Status loading={state.loading} error={state.error} onRetry={() => void load()} />
      </View>
    );
  const d = order.fulfilmentDetails;
  const tz = storefront.get().data?.timezone;
  return (
    <View className="page order">
      <SubHeader title={t('order.title')} />
      <View className="order-head">
        <View className="order-state" data-testid="order-state">
          {stateLabel(locale, order.state)}
        </View>
        <View className="order-number">
          {t('order.number')} {order.number}
        </View>
      </View>
      <View className="card">
        <View className="section-title">{t('order.timeline')}</View>
        {timeline(order.state, order.fulfilment).map((step) => (
          <View key={step.state} className={`order-step ${step.status}`}>
            <View className="order-dot" />
            <View>{stateLabel(locale, step.state)}</View>
          </View>
        ))}
      </View>
      <View className="card">
        <View className="row">
          <View className="muted">{t('confirm.fulfilment')}</View>
          <View>
            {t(`mode.${order.fulfilment}`)}
            {d.tableNumber ? ` · ${t('store.table')} ${d.tableNumber}` : ''}
            {d.pickupAt ? ` · ${when(d.pickupAt, tz)}` : ''}
          </View>
        </View>
        {d.address ? (
          <View className="row">
            <View className="muted">{t('confirm.address')}</View>
            <View>{d.address}</View>
          </View>
        ) : null}
        {d.requestedDate ? (
          <View className="row">
            <View className="muted">{t('confirm.requestedDate')}</View>
            <View>{d.requestedDate}</View>
          </View>
        ) : null}
        <View className="row">
          <View className="muted">{t('order.placedAt')}</View>
          <View>{when(order.submittedAt ?? order.createdAt, tz)}</View>
        </View>
        <View className="row">
          <View className="muted">{t('order.payment')}</View>
          <View>{t(`pay.${order.paymentStatus}` as TextKey)}</View>
        </View>
        {order.notes ? (
          <View className="row">
            <View className="muted">{t('confirm.notes')}</View>
            <View>{order.notes}</View>
          </View>
        ) : null}
      </View>
      <View className="card">
        <View className="section-title">{t('order.lines')}</View>
        {order.lines.map((l) => (
          <View key={l.id} className="row">
            <View>
              {l.productName} ×{l.quantity}
              <View className="muted">{[l.skuLabel, l.modifiersLabel].filter(Boolean).join(' / ')}</View>
            </View>
            <View>{money(l.total, order.currency)}</View>
          </View>
        ))}
        <QuoteTotals quote={order} />
      </View>
      <View className="card btn ghost" onClick={() => switchTo('menu')}>
        {t('order.backToMenu')}
      </View>
    </View>
  );
}

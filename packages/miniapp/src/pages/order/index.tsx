import { type Order, routes } from '@orderloop/contract';
import { View } from '@tarojs/components';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { ConsentPrompt } from '../../components/consent-prompt';
import { QuoteTotals } from '../../components/quote-totals';
import { Status } from '../../components/status';
import { SubHeader } from '../../components/sub-header';
import { api } from '../../lib/api';
import { platform } from '../../lib/channel-login';
import { stateLabel, type TextKey, useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { switchTo, when } from '../../lib/nav';
import { prefs } from '../../state/prefs';
import { storefront } from '../../state/shop';
import { useStore } from '../../state/store';
import { OrderActions } from './order-actions';
import { isLive, readyEstimate, timeline } from './timeline';
import './index.scss';

const POLL_MS = 5000;

export default function OrderPage() {
  const t = useT();
  const { locale } = useStore(prefs);
  const { params } = useRouter();
  const [order, setOrder] = useState<Order | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null });
  const load = async (quiet = false) => {
    if (!quiet) setState({ loading: true, error: null });
    try {
      setOrder(await api.call(routes.customerGetOrder, { params: { id: params.id ?? '' } }));
      setState({ loading: false, error: null });
    } catch (error) {
      // a failed background refresh keeps the order on screen
      if (!quiet) setState({ loading: false, error });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the order id changes
  useEffect(() => void load(), [params.id]);

  // just placed: the moment to ask about order messages (WeChat grants one message per consent, so
  // it asks after every order; elsewhere only until the customer has answered)
  const [askConsent, setAskConsent] = useState(false);
  useEffect(() => {
    if (params.placed !== '1') return;
    api
      .call(routes.customerGetConsent)
      .then((c) => setAskConsent(platform() === 'wechat' || c.items.length < 3))
      .catch(() => {});
  }, [params.placed]);

  // live-ish status: while the order still moves and the page is shown, ask again every few seconds
  const live = isLive(order?.workflow);
  const visible = useRef(true);
  useDidShow(() => {
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the poll only depends on whether it is live
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => visible.current && void load(true), POLL_MS);
    return () => clearInterval(timer);
  }, [live, params.id]);

  if (!order)
    return (
      <View className="page">
        <Status loading={state.loading} error={state.error} onRetry={() => void load()} />
      </View>
    );
  const d = order.fulfilmentDetails;
  const tz = storefront.get().data?.timezone;
  const eta = order.workflow ? readyEstimate(order.workflow) : null;
  return (
    <View className="page order">
      <SubHeader title={t('order.title')} />
      <View className="order-head">
        <View className="order-state" data-testid="order-state">
          {order.workflow?.stateName ?? stateLabel(locale, order.state)}
        </View>
        <View className="order-number">
          {t('order.number')} {order.number}
        </View>
        {eta ? (
          <View className="order-eta" data-testid="order-eta">
            {t('order.readyAt', { time: when(eta, tz).slice(11) })}
          </View>
        ) : null}
        {d.tableNumber ? (
          <View className="order-eta">
            {t('store.table')} {d.tableNumber}
          </View>
        ) : null}
      </View>
      {askConsent ? <ConsentPrompt onDone={() => setAskConsent(false)} /> : null}
      {order.workflow ? (
        <View className="card" data-testid="timeline">
          <View className="section-title">{t('order.timeline')}</View>
          {timeline(order.workflow).map((step) => (
            <View key={step.state} className={`order-step ${step.status}`}>
              <View className="order-dot" />
              <View>{step.name}</View>
              <View className="order-step-time">{step.at ? when(step.at, tz).slice(11) : ''}</View>
            </View>
          ))}
        </View>
      ) : null}
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
      <OrderActions order={order} onChange={setOrder} />
      <View className="card btn ghost" onClick={() => switchTo('menu')}>
        {t('order.backToMenu')}
      </View>
    </View>
  );
}

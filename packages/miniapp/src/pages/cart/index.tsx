import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { QuoteTotals } from '../../components/quote-totals';
import { Stepper } from '../../components/stepper';
import { SubHeader } from '../../components/sub-header';
import { useT } from '../../lib/i18n';
import { money } from '../../lib/money';
import { go, switchTo } from '../../lib/nav';
import {
  cart,
  clearCart,
  quote,
  removeLine,
  scheduleQuote,
  setQuantity,
  signatureOf,
} from '../../state/cart';
import { place } from '../../state/shop';
import { useStore } from '../../state/store';
import './index.scss';

export default function CartPage() {
  const t = useT();
  const c = useStore(cart);
  const q = useStore(quote);
  const { storeId, fulfilment } = useStore(place);
  const lines = c.storeId === storeId ? c.lines : [];
  useEffect(() => scheduleQuote(0), []);
  // quote lines answer the cart's lines in order; only a quote of this very cart is shown
  const fresh = q.data && q.forLines === signatureOf(storeId, fulfilment, lines) ? q.data : null;
  const currency = fresh?.currency ?? 'CNY';

  if (!lines.length)
    return (
      <View className="page">
        <SubHeader title={t('cart.title')} />
        <View className="card cart-empty">
          <View className="muted">{t('cart.empty')}</View>
          <View className="btn ghost" style={{ marginTop: '16px' }} onClick={() => switchTo('menu')}>
            {t('order.backToMenu')}
          </View>
        </View>
      </View>
    );
  return (
    <View className="page cart">
      <SubHeader title={t('cart.title')} />
      <View className="card">
        <View className="row">
          <View className="section-title" style={{ margin: 0 }}>
            {t('cart.title')} · {t('cart.items', { n: lines.reduce((n, l) => n + l.quantity, 0) })}
          </View>
          <View className="muted cart-clear" onClick={clearCart}>
            {t('cart.clear')}
          </View>
        </View>
        {lines.map((l, i) => {
          const ql = fresh?.lines[i];
          return (
            <View key={l.key} className={`cart-line ${ql?.unavailable ? 'off' : ''}`} data-testid="cart-line">
              <View className="cart-line-info">
                <View className="cart-line-name">{l.productName}</View>
                <View className="muted">{[l.skuLabel, l.modifiersLabel].filter(Boolean).join(' / ')}</View>
                {ql?.unavailable ? <View className="tag grey">{t(`reason.${ql.unavailable}`)}</View> : null}
                <View className="price cart-line-price">
                  {ql ? money(ql.unavailable ? ql.unitPrice : ql.total, currency) : '…'}
                </View>
              </View>
              <View className="cart-line-side">
                <Stepper
                  value={l.quantity}
                  min={1}
                  label={l.productName}
                  onChange={(n) => setQuantity(l.key, n)}
                />
                <View className="cart-remove" onClick={() => removeLine(l.key)}>
                  {t('cart.remove')}
                </View>
              </View>
            </View>
          );
        })}
      </View>
      <View className="card">
        {fresh ? <QuoteTotals quote={fresh} /> : <View className="muted">{t('quote.pending')}</View>}
        {q.error && !q.pending ? (
          <View className="row">
            <View className="error">{t('common.networkError')}</View>
            <View className="btn ghost" onClick={() => scheduleQuote(0)}>
              {t('common.retry')}
            </View>
          </View>
        ) : null}
        {fresh && !fresh.orderable ? <View className="error">{t('cart.unavailableHint')}</View> : null}
      </View>
      <View className="bottom-bar">
        <View className="price totals-total">
          {fresh && !q.pending ? money(fresh.total, currency) : t('quote.pending')}
        </View>
        <View
          className={`btn ${fresh?.orderable && !q.pending ? '' : 'disabled'}`}
          onClick={() => fresh?.orderable && !q.pending && go('confirm')}
        >
          {t('cart.checkout')}
        </View>
      </View>
    </View>
  );
}

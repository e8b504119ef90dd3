import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { useT } from '../lib/i18n';
import { money } from '../lib/money';
import { go } from '../lib/nav';
import { cart, cartCount, quote, scheduleQuote, signatureOf } from '../state/cart';
import { session } from '../state/session';
import { place } from '../state/shop';
import { useStore } from '../state/store';
import './cart-bar.scss';

/** Always at the bottom of the menu: how many items, the server's total, and the way to check out. */
export function CartBar() {
  const t = useT();
  const c = useStore(cart);
  const q = useStore(quote);
  const { token } = useStore(session);
  const { storeId, fulfilment } = useStore(place);
  const lines = c.storeId === storeId ? c.lines : [];
  const count = cartCount(lines);
  useEffect(() => {
    if (count && token) scheduleQuote(0);
  }, [count, token]);
  if (!token)
    return (
      <View className="cart-bar">
        <View className="cart-bar-total muted">{t('menu.signInToOrder')}</View>
        <View className="btn cart-bar-go" onClick={() => go('profile', { back: '1' })}>
          {t('profile.login')}
        </View>
      </View>
    );
  // the total of exactly this cart, or "pricing…" until the server has answered for it
  const fresh = q.data && q.forLines === signatureOf(storeId, fulfilment, lines) ? q.data : null;
  const total = fresh && !q.pending ? money(fresh.total, fresh.currency) : q.error ? '' : t('quote.pending');
  return (
    <View className="cart-bar" onClick={() => count && go('cart')}>
      <View className={`cart-bar-badge ${count ? 'on' : ''}`}>{count}</View>
      <View className="cart-bar-total">
        {count ? (
          <View className="cart-bar-amount" data-testid="cart-total">
            {total}
            {q.error && !q.pending ? (
              <View
                className="cart-bar-retry"
                onClick={(e) => {
                  e.stopPropagation();
                  scheduleQuote(0);
                }}
              >
                {t('common.retry')}
              </View>
            ) : null}
          </View>
        ) : (
          <View className="muted">{t('cart.empty')}</View>
        )}
      </View>
      <View className={`btn cart-bar-go ${count ? '' : 'disabled'}`}>{t('cart.checkout')}</View>
    </View>
  );
}

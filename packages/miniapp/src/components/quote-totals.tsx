import type { Quote } from '@orderloop/contract';
import { View } from '@tarojs/components';
import { type TextKey, useT } from '../lib/i18n';
import { money } from '../lib/money';

/** The server's totals, line by line as it computed them. */
export function QuoteTotals({
  quote,
}: {
  quote: Pick<Quote, 'subtotal' | 'discount' | 'fees' | 'tax' | 'total' | 'taxMode' | 'currency'>;
}) {
  const t = useT();
  const m = (n: number) => money(n, quote.currency);
  return (
    <View className="totals">
      <View className="row totals-row">
        <View className="muted">{t('quote.subtotal')}</View>
        <View>{m(quote.subtotal)}</View>
      </View>
      {quote.fees.map((f) => (
        <View key={f.code} className="row totals-row">
          <View className="muted">{t(`quote.fee.${f.code}` as TextKey)}</View>
          <View>{m(f.amount)}</View>
        </View>
      ))}
      {quote.discount ? (
        <View className="row totals-row">
          <View className="muted">{t('quote.discount')}</View>
          <View>−{m(quote.discount)}</View>
        </View>
      ) : null}
      <View className="row totals-row">
        <View className="muted">{quote.taxMode === 'inclusive' ? t('quote.taxIncl') : t('quote.tax')}</View>
        <View>{m(quote.tax)}</View>
      </View>
      <View className="row totals-row">
        <View className="section-title" style={{ margin: 0 }}>
          {t('quote.total')}
        </View>
        <View className="price totals-total" data-testid="quote-total">
          {m(quote.total)}
        </View>
      </View>
    </View>
  );
}

import type { Quote } from '@orderloop/contract';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';
import { useCodeLabel } from './order-tags.tsx';

type Amounts = Pick<Quote, 'subtotal' | 'discount' | 'fees' | 'tax' | 'total' | 'taxMode' | 'currency'>;

/** Subtotal, discounts, each fee, tax and total, right-aligned: the same block for a quote and an order. */
export function OrderAmounts({ amounts, dimmed }: { amounts: Amounts; dimmed?: boolean }) {
  const { t, locale } = useI18n();
  const label = useCodeLabel();
  const money = (minor: number) => formatMoney(minor, amounts.currency, locale);
  const fees = amounts.fees.filter((f) => f.amount !== 0);
  return (
    <dl className={`amounts${dimmed ? ' dimmed' : ''}`} data-testid="order-amounts">
      <dt>{t('amounts.subtotal')}</dt>
      <dd data-testid="amount-subtotal">{money(amounts.subtotal)}</dd>
      {amounts.discount ? (
        <>
          <dt>{t('amounts.discount')}</dt>
          <dd className="discount">−{money(amounts.discount)}</dd>
        </>
      ) : null}
      {fees.map((f) => (
        <FeeRow key={f.code} label={label('amounts.fee', f.code)} value={money(f.amount)} />
      ))}
      <dt>{t(amounts.taxMode === 'inclusive' ? 'amounts.taxInclusive' : 'amounts.taxExclusive')}</dt>
      <dd className={amounts.taxMode === 'inclusive' ? 'muted-amount' : undefined}>{money(amounts.tax)}</dd>
      <dt className="total">{t('amounts.total')}</dt>
      <dd className="total" data-testid="amount-total">
        {money(amounts.total)}
      </dd>
    </dl>
  );
}

const FeeRow = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

import type { Locale } from '@orderloop/contract';
import type { Translate } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';

/** Money of the reports: in the currency when the stores in view share one, else a plain number. */
export function money(minor: number, currency: string | null, locale: Locale): string {
  if (currency) return formatMoney(minor, currency, locale);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    minor / 100,
  );
}

export const count = (n: number, locale: Locale) => new Intl.NumberFormat(locale).format(n);
export const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** A duration in the unit that reads best: minutes under two hours, hours under two days, else days. */
export function duration(seconds: number | null, t: Translate): string {
  if (seconds === null) return '—';
  const minutes = seconds / 60;
  if (minutes < 120) return t('reports.minutes', { n: Math.round(minutes) });
  const hours = minutes / 60;
  if (hours < 48) return t('reports.hours', { n: Math.round(hours * 10) / 10 });
  return t('reports.days', { n: Math.round((hours / 24) * 10) / 10 });
}

/** A period label as the locale writes a date (month granularity: year and month only). */
export function periodLabel(period: string, granularity: string, locale: Locale): string {
  const d = new Date(`${period}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions =
    granularity === 'month'
      ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}

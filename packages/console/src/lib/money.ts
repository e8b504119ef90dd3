import type { Locale } from '@orderloop/contract';

const formats = new Map<string, Intl.NumberFormat>();
const digitsOf = new Map<string, number>();

/** How many decimals a currency's minor unit has: CNY 2, JPY 0, KWD 3 (ISO 4217, as Intl knows it). */
export function currencyDigits(currency: string): number {
  let d = digitsOf.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      d = 2; // an unknown code still shows as a number with two decimals
    }
    digitsOf.set(currency, d ?? 2);
  }
  return d ?? 2;
}

export const toMajor = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);
export const toMinor = (major: number, currency: string) =>
  Math.round(major * 10 ** currencyDigits(currency));

/** Integer minor units as the locale writes money in that currency: 3200 CNY → ¥32.00 / CN¥32.00. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formats.set(key, f);
  }
  return f.format(toMajor(minor, currency));
}

/** The currency's sign as the locale writes it: ¥ in Chinese, CN¥ in English. */
export function currencySymbol(currency: string, locale: Locale): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

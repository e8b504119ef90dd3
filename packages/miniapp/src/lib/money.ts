const symbols: Record<string, string> = { CNY: '¥', JPY: '¥', USD: '$', EUR: '€' };
const decimals: Record<string, number> = { JPY: 0 };

/** Minor units to a price label: 3200 CNY → "¥32", 3250 → "¥32.50". */
export function money(minor: number, currency = 'CNY'): string {
  const d = decimals[currency] ?? 2;
  const major = minor / 10 ** d;
  const text = Number.isInteger(major) ? String(major) : major.toFixed(d);
  return `${symbols[currency] ?? `${currency} `}${text}`;
}

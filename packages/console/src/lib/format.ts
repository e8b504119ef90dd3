import type { Locale } from '@orderloop/contract';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
      ...(timeZone ? { timeZone } : {}),
    });
    dateTimeFormats.set(key, f);
  }
  return f.format(new Date(iso));
}

/** A value from an audit diff, short enough for one table cell. */
export function compactValue(value: unknown, max = 48): string {
  if (value === null || value === undefined) return '∅';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// the tail: time-ordered ids share their first characters
export const shortId = (id: string) => id.slice(-8);

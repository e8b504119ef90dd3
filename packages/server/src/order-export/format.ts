import { FormattedCell } from '../spreadsheets/index.ts';

const digitsOf = new Map<string, number>();

/** Decimals of a currency's minor unit (ISO 4217, via Intl): CNY 2, JPY 0, BHD 3; unknown codes 2. */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** Minor units as a decimal, in integer arithmetic: 1234 → "12.34", -5 → "-0.05"; with 0 digits as is. */
export function formatMinor(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

const moneyFormats = new Map<number, string>();
const moneyFormat = (digits: number) => {
  let f = moneyFormats.get(digits);
  if (!f) {
    f = digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
    moneyFormats.set(digits, f);
  }
  return f;
};

/** An amount: "12.34" in a CSV, the number 12.34 shown with two decimals in an XLSX. */
export function moneyCell(minor: number, currency: string): FormattedCell {
  const digits = currencyDigits(currency);
  return new FormattedCell(minor / 10 ** digits, moneyFormat(digits), formatMinor(minor, digits));
}

const DAY = 86_400_000;

/**
 * Converts instants to the wall clock of one time zone. Intl is slow (microseconds per call), so
 * offsets are cached per UTC day: when the offset is the same at both ends of the day it holds
 * all day; only on a day with a DST change is each instant asked about.
 */
export function wallClock(timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const exact = (at: number) => {
    const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
  };
  const days = new Map<number, number | null>(); // null: the offset changes that day
  const offsetAt = (ms: number) => {
    const day = Math.floor(ms / DAY);
    let offset = days.get(day);
    if (offset === undefined) {
      const start = exact(day * DAY);
      offset = start === exact(day * DAY + DAY - 1000) ? start : null;
      if (days.size > 100_000) days.clear();
      days.set(day, offset);
    }
    return offset ?? exact(ms);
  };
  // whole seconds, as shown: a cell must not round up to a second the text does not show
  const shift = (d: Date) => {
    const ms = d.getTime();
    return new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms));
  };
  const show = (local: Date) => {
    const iso = local.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
  return {
    /** "2026-11-22 14:03:09" in the zone. */
    text: (d: Date) => show(shift(d)),
    /** A date-time cell showing the zone's wall clock (XLSX dates have no zone), the same text in a CSV. */
    cell: (d: Date) => {
      const local = shift(d);
      return new FormattedCell(local, 'yyyy-mm-dd hh:mm:ss', show(local));
    },
  };
}

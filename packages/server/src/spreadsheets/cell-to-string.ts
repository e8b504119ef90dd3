import type { CellValue } from 'exceljs';

// Excel itself keeps 15 significant digits; anything past that is binary float noise (0.1+0.2).
const numberFormat = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/** A cell as the user would type it back: numbers plain, dates ISO, formulas as their cached result. */
export function cellToString(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value)
    return value.richText
      .map((run) => run.text)
      .join('')
      .trim();
  if ('error' in value) return value.error;
  // Formulas (plain and shared): the value Excel computed when it last saved the file.
  if ('formula' in value || 'sharedFormula' in value) return cellToString(value.result as CellValue);
  if ('hyperlink' in value) return cellToString(value.text as CellValue);
  return '';
}

export function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (!Number.isFinite(n)) return String(n);
  const s = numberFormat.format(n);
  return s === '-0' ? '0' : s;
}

/**
 * Excel dates have no time zone: exceljs hands them over as UTC, so the UTC fields are the wall
 * clock the user typed. Date-only values become YYYY-MM-DD, time-only values HH:mm:ss.
 */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  // Serial numbers below 1 (time-only cells) land on Excel's day zero.
  if (date === '1899-12-30') return time;
  return time === '00:00:00' ? date : `${date} ${time}`;
}

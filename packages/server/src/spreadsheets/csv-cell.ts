import { formatDate, formatNumber } from './cell-to-string.ts';
import { FormattedCell } from './formatted-cell.ts';

// Excel, LibreOffice and Google Sheets start a formula on these (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
// ...but a plain signed number is data, and prefixing it would turn -12.5 into text.
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One value as CSV text, defused so that opening the file in Excel can never run a formula. */
export function csvCell(value: unknown): string {
  return defuseFormula(toText(value));
}

export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

// Same text readTable gives back for the same value in an XLSX, so both formats round-trip alike.
function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof FormattedCell) return value.text;
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

import type { CellValue } from 'exceljs';
import { FormattedCell } from './formatted-cell.ts';

// Excel's hard limit; a longer string makes Excel "repair" (drop) the sheet.
const MAX_CELL_TEXT = 32_767;

/** One value as an XLSX cell: numbers, booleans and dates keep their type so the user can sum and sort. */
export function xlsxCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null; // NaN would corrupt the file
  if (typeof value === 'boolean') return value;
  if (value instanceof FormattedCell) return xlsxCell(value.value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'bigint') {
    // Past 2^53 a number cell would silently change the digits, so keep it as text.
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

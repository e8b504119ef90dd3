import type { MessageKey } from '@orderloop/contract';
import { AppError } from '../lib/errors.ts';
import { detectFormat } from './detect-format.ts';
import { readTable } from './read-table.ts';
import { type SpreadsheetFormat, type Table, TableTooLargeError } from './table.ts';
import { TableReadError } from './table-read-error.ts';
import type { CellError } from './validate-rows.ts';

/** At most this many bad cells are listed in the problem; its detail and meta.totalCells count all. */
const MAX_LISTED_CELLS = 2000;

/**
 * Reads an uploaded spreadsheet (format judged by content), mapping what can go wrong to problem
 * answers: not a spreadsheet (415), too many rows, unreadable (400).
 */
export async function readUpload(
  file: { data: Buffer; contentType: string },
  maxRows: number,
): Promise<{ format: SpreadsheetFormat; table: Table }> {
  const format = detectFormat(file.data, { contentType: file.contentType });
  if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { key: 'import.notSpreadsheet' });
  try {
    return { format, table: await readTable(file.data, format, { maxRows }) };
  } catch (err) {
    if (err instanceof TableTooLargeError) {
      const e = new AppError('VALIDATION_FAILED', { key: 'import.tooManyRows', vars: { max: maxRows } });
      e.meta = { maxRows };
      throw e;
    }
    if (err instanceof TableReadError)
      throw new AppError('VALIDATION_FAILED', { key: 'import.unreadable', vars: { reason: err.message } });
    throw err;
  }
}

/**
 * The 400 of a sheet with problems: every bad cell in sheet order (row, then column as in the file)
 * under `meta.cells`, the detail counting cells and rows (`key` takes {cells} and {rows}).
 */
export function sheetProblem(
  errors: CellError[],
  warnings: CellError[],
  headers: string[],
  key: MessageKey,
): AppError {
  const position = (column: string) => {
    const i = headers.indexOf(column);
    return i < 0 ? headers.length : i;
  };
  errors.sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
  const rows = new Set(errors.map((e) => e.row)).size;
  const err = new AppError('VALIDATION_FAILED', { key, vars: { cells: errors.length, rows } });
  err.meta = {
    cells: errors.slice(0, MAX_LISTED_CELLS),
    totalCells: errors.length,
    rows,
    truncated: errors.length > MAX_LISTED_CELLS,
    warnings,
  };
  return err;
}

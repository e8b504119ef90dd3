import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import type { SpreadsheetFormat, Table } from './table.ts';

export { type Table, type TableRow, TableTooLargeError } from './table.ts';
export { TableReadError } from './table-read-error.ts';

export type ReadTableOptions = { maxRows?: number };

/**
 * Reads an uploaded sheet into trimmed strings keyed by header. Throws TableTooLargeError past
 * `maxRows` data rows and TableReadError when the file cannot be parsed at all.
 */
export async function readTable(
  buf: Buffer,
  format: SpreadsheetFormat,
  opts: ReadTableOptions = {},
): Promise<Table> {
  return format === 'csv' ? readCsv(buf, opts.maxRows) : readXlsx(buf, opts.maxRows);
}

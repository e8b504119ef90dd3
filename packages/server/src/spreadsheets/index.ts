export { detectFormat, type FormatHint } from './detect-format.ts';
export { type BoundColumn, matchHeaders, normalizeHeader } from './match-headers.ts';
export { sheetMessages } from './messages.ts';
export { type ReadTableOptions, readTable } from './read-table.ts';
export { type SpreadsheetFormat, type Table, type TableRow, TableTooLargeError } from './table.ts';
export { TableReadError } from './table-read-error.ts';
export { type CellError, type ColumnSpec, type ValidatedRows, validateRows } from './validate-rows.ts';
export { type RowSource, writeCsv } from './write-csv.ts';
export { writeXlsx, type XlsxColumn, type XlsxSheet } from './write-xlsx.ts';

import type { Locale } from '@orderloop/contract';
import type { z } from 'zod';
import { matchHeaders } from './match-headers.ts';
import { sheetMessages, zodErrorMap } from './messages.ts';
import type { Table } from './table.ts';

export type ColumnSpec = {
  key: string;
  /** Accepted header names in any language; matched ignoring case, whitespace and full-width forms. */
  headers: string[];
  /** Parses the cell's text, e.g. z.coerce.number().int().min(0). Not run on an empty cell. */
  schema: z.ZodType;
  required?: boolean;
};

/** `column` is the header as written in the file, or the spec's key when the column is missing. */
export type CellError = { row: number; column: string; value: string; message: string };

export type ValidatedRows<T> = {
  /** Rows without any error. A column absent from the file leaves its key out; an empty cell gives undefined. */
  rows: { rowNumber: number; value: T }[];
  /** Every bad cell of every row, plus sheet-level problems on row 1. Write nothing unless empty. */
  errors: CellError[];
  /** Unknown columns, which were ignored. */
  warnings: CellError[];
};

/**
 * Checks every cell against its column's schema and reports all problems at once, by row and
 * column, in the user's language, so one round of fixes is enough.
 */
export function validateRows<T = Record<string, unknown>>(
  table: Table,
  columns: ColumnSpec[],
  locale: Locale,
): ValidatedRows<T> {
  const { bound, errors, warnings } = matchHeaders(table.headers, columns, locale);
  const sheetIsValid = errors.length === 0;
  const errorMap = zodErrorMap(locale);
  const t = sheetMessages(locale);
  const rows: ValidatedRows<T>['rows'] = [];
  for (const { rowNumber, cells } of table.rows) {
    const value: Record<string, unknown> = {};
    let rowIsValid = true;
    for (const { spec, header } of bound) {
      const raw = cells[header] ?? '';
      if (raw === '') {
        if (spec.required) {
          errors.push({ row: rowNumber, column: header, value: raw, message: t.requiredCell });
          rowIsValid = false;
        } else {
          value[spec.key] = undefined;
        }
        continue;
      }
      const parsed = spec.schema.safeParse(raw, { error: errorMap });
      if (parsed.success) {
        value[spec.key] = parsed.data;
      } else {
        const message = parsed.error.issues.map((issue) => issue.message).join('; ');
        errors.push({ row: rowNumber, column: header, value: raw, message });
        rowIsValid = false;
      }
    }
    if (rowIsValid && sheetIsValid) rows.push({ rowNumber, value: value as T });
  }
  return { rows, errors, warnings };
}

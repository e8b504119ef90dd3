export type SpreadsheetFormat = 'csv' | 'xlsx';

/** One data row; `rowNumber` is the row number Excel shows (header is row 1). */
export type TableRow = { rowNumber: number; cells: Record<string, string> };

/** A sheet as strings: every row's `cells` has a key for every header (empty cells are ''). */
export type Table = { headers: string[]; rows: TableRow[] };

/** Thrown when the data rows pass `maxRows`; a CSV stops parsing right there. */
export class TableTooLargeError extends Error {
  readonly maxRows: number;
  constructor(maxRows: number) {
    super(`The sheet has more than ${maxRows} data rows`);
    this.name = 'TableTooLargeError';
    this.maxRows = maxRows;
  }
}

/**
 * Collects rows into a Table: the first non-empty row is the header, fully empty rows are skipped
 * (but still counted, so row numbers match what the user sees), and the row limit is enforced.
 */
export function createTableBuilder(maxRows: number | undefined) {
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  return {
    add(rowNumber: number, values: string[]): void {
      if (values.every((v) => v === '')) return;
      if (!headers) {
        headers = trimTrailingEmpty(values);
        return;
      }
      if (maxRows !== undefined && rows.length >= maxRows) throw new TableTooLargeError(maxRows);
      // No prototype: a header named "__proto__" must stay a plain key.
      const cells: Record<string, string> = Object.create(null);
      for (const [i, header] of headers.entries()) {
        // First of two same-named columns wins; validateRows reports the duplicate anyway.
        if (!Object.hasOwn(cells, header)) cells[header] = values[i] ?? '';
      }
      rows.push({ rowNumber, cells });
    },
    build(): Table {
      return { headers: headers ?? [], rows };
    },
  };
}

// Excel often reports formatted-but-empty columns past the real ones.
function trimTrailingEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

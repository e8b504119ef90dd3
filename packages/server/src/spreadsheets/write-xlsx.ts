// exceljs costs ~0.4 s of CPU to load: loaded on the first workbook, not at every start
import type ExcelJS from 'exceljs';
import { FormattedCell } from './formatted-cell.ts';
import { outputFailure } from './output-failure.ts';
import type { RowSource } from './write-csv.ts';
import { waitForZip } from './xlsx-backpressure.ts';
import { xlsxCell } from './xlsx-cell.ts';

export type XlsxColumn = { width?: number; numFmt?: string };
export type XlsxSheet = { name: string; headers: string[]; columns?: XlsxColumn[] };

const DEFAULT_WIDTH = 16;
// Rows between checks that the zip has kept up: often enough to keep memory flat, rare enough to be cheap.
const ROWS_PER_TURN = 500;

/**
 * Streams a one-sheet workbook: bold, frozen header row; numbers stay numbers, Dates become date
 * cells. Rows are serialised and committed one by one, so memory stays flat; ends `out`.
 * Text needs no formula guard here: XLSX stores it as a string cell, which Excel never evaluates.
 */
export async function writeXlsx(
  out: NodeJS.WritableStream,
  sheet: XlsxSheet,
  rows: RowSource,
): Promise<void> {
  const failure = outputFailure(out);
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
    useSharedStrings: false,
    useStyles: true,
    // archiver's buffers default to 1 MB each way; compressed data needs far less to keep flowing.
    zip: { highWaterMark: 256 * 1024 } as Partial<ExcelJS.stream.xlsx.ArchiverZipOptions>,
  });
  const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  // One style object per format, shared by every cell that has it: exceljs caches a style by object
  // identity, whereas the copy it gives each new cell costs a full style lookup per cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (numFmt: string | undefined) => {
    const key = numFmt ?? '';
    let style = styles.get(key);
    if (!style) {
      style = numFmt ? { numFmt } : {};
      styles.set(key, style);
    }
    return style;
  };
  const columnStyles = sheet.headers.map((_, i) => styleOf(sheet.columns?.[i]?.numFmt));
  worksheet.columns = sheet.headers.map((_, i) => ({
    width: sheet.columns?.[i]?.width ?? DEFAULT_WIDTH,
    style: columnStyles[i],
  }));
  const header = worksheet.addRow(sheet.headers);
  header.font = { bold: true };
  header.commit();

  try {
    let count = 0;
    for await (const values of rows) {
      const row = worksheet.addRow(values.map(xlsxCell));
      for (const [i, value] of values.entries()) {
        const cell = row.getCell(i + 1);
        if (value instanceof FormattedCell) cell.style = styleOf(value.numFmt);
        // A column numFmt wins; otherwise a bare Date would show as a serial number like 45292.
        else if (value instanceof Date && !sheet.columns?.[i]?.numFmt)
          cell.style = styleOf(dateFormat(value));
        else cell.style = columnStyles[i] ?? styleOf(undefined);
      }
      row.commit();
      if (++count % ROWS_PER_TURN === 0) await Promise.race([waitForZip(worksheet, out), failure]);
    }
    worksheet.commit();
    await Promise.race([workbook.commit(), failure]);
  } catch (err) {
    // Like pipeline() does for CSV: a half-written file must fail the download, not look complete.
    (out as { destroy?: (e: unknown) => void }).destroy?.(err);
    throw err;
  }
}

function dateFormat(d: Date): string {
  return d.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
}

// Excel refuses a workbook whose sheet name is longer than 31 or contains any of : \ / ? * [ ]
export function sheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return cleaned || 'Sheet1';
}

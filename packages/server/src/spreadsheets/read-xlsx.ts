// exceljs costs ~0.4 s of CPU to load: loaded on the first workbook, not at every start
import type ExcelJS from 'exceljs';
import { cellToString } from './cell-to-string.ts';
import { createTableBuilder, type Table } from './table.ts';
import { TableReadError } from './table-read-error.ts';

/**
 * Reads the first visible worksheet (by tab order, not by part name). A merged cell's value is
 * repeated in every cell of the merge, so a category merged down several rows applies to each.
 *
 * Uses the workbook reader rather than exceljs' streaming reader on purpose: the streaming reader
 * decodes each zip chunk on its own (a CJK character split across chunks becomes U+FFFD), reads the
 * Japanese phonetic guide (<rPh>) instead of the text, and picks sheets by part name. The input is
 * already a Buffer in memory; the whole workbook is parsed before `maxRows` is checked, so callers
 * must also cap the upload's size.
 */
export async function readXlsx(buf: Buffer, maxRows: number | undefined): Promise<Table> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // exceljs' own Buffer type is a stand-in for the browser build; a Node Buffer is what it wants.
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new TableReadError(`Not a readable XLSX workbook: ${(err as Error).message}`, err);
  }
  const sheets = workbook.worksheets;
  const sheet = sheets.find((s) => s.state === 'visible') ?? sheets[0];
  const builder = createTableBuilder(maxRows);
  if (!sheet) return builder.build();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      values[col - 1] = cellToString(cell.value);
    });
    builder.add(
      rowNumber,
      Array.from(values, (v) => v ?? ''),
    );
  });
  return builder.build();
}

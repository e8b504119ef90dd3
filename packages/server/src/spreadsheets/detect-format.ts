import type { SpreadsheetFormat } from './table.ts';

export type FormatHint = { contentType?: string; filename?: string };

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
// Binary formats people upload by mistake: old .xls (OLE2), PDF, images, gzip, 7z, RAR.
const BINARY_SIGNATURES = [
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
  Buffer.from('%PDF-', 'latin1'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('GIF8', 'latin1'),
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1f, 0x8b]),
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf]),
  Buffer.from('Rar!', 'latin1'),
];
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
const CSV_EXTENSIONS = /\.(csv|tsv|txt)$/i;
// Browsers on Windows send application/vnd.ms-excel for .csv files.
const CSV_TYPES = /^(text\/(csv|plain|tab-separated-values)|application\/(csv|vnd\.ms-excel))\b/i;

/**
 * Decides how to read an upload: by its bytes first (users rename files), then by the hint.
 * Returns null for anything that is not a CSV or an XLSX workbook, e.g. a PDF or an old .xls.
 */
export function detectFormat(buf: Buffer, hint?: FormatHint): SpreadsheetFormat | null {
  if (buf.length === 0) return null;
  if (startsWith(buf, ZIP)) return isXlsxZip(buf) ? 'xlsx' : null;
  if (BINARY_SIGNATURES.some((sig) => startsWith(buf, sig))) return null;
  if (UTF16_BOMS.some((bom) => startsWith(buf, bom))) return 'csv';
  const head = buf.subarray(0, 4096);
  if (hasBinaryBytes(head)) return null;
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  // HTML or XML dressed up as a spreadsheet (old "Excel" exports from web apps).
  if (text.startsWith('<')) return null;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t]/.test(firstLine)) return 'csv';
  // A single-column CSV looks like any text file: only the hint can tell.
  return hintSaysCsv(hint) ? 'csv' : null;
}

// Every XLSX package has its parts under xl/; a .docx or a plain zip does not.
function isXlsxZip(buf: Buffer): boolean {
  return buf.includes('xl/', 0, 'latin1');
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}

// Text in any encoding we read has no NULs and almost no C0 controls besides tab, CR, LF.
function hasBinaryBytes(head: Buffer): boolean {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return controls > head.length / 100;
}

function hintSaysCsv(hint: FormatHint | undefined): boolean {
  if (!hint) return false;
  return (
    (hint.filename !== undefined && CSV_EXTENSIONS.test(hint.filename)) ||
    (hint.contentType !== undefined && CSV_TYPES.test(hint.contentType))
  );
}

import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.ts';
import { bufferSink } from './test-sinks.ts';
import { writeXlsx } from './write-xlsx.ts';
import { storedZip, xlsxFixture } from './xlsx-fixture.ts';

const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000090770000', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
// An Excel 97-2003 .xls: an OLE2 compound file.
const oldXls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
const gb18030Csv = Buffer.from('c9ccc6b7c3fbb3c62cb5a5bcdb0d0ab9acb1a3bca6b6a12c32380d0a', 'hex');

describe('detectFormat', () => {
  it('recognises an XLSX by its bytes, whatever its name says', async () => {
    const sink = bufferSink();
    await writeXlsx(sink.out, { name: 'S', headers: ['a'] }, [[1]]);
    expect(detectFormat(sink.bytes())).toBe('xlsx');
    expect(detectFormat(sink.bytes(), { filename: 'data.csv', contentType: 'text/csv' })).toBe('xlsx');
    expect(detectFormat(xlsxFixture({ sheets: [{ name: 'S', part: 1, rowsXml: '' }] }))).toBe('xlsx');
  });

  it('rejects a zip that is not a workbook', () => {
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(detectFormat(docx, { filename: 'x.xlsx' })).toBeNull();
  });

  it('rejects images, PDFs and old .xls files even when named .csv', () => {
    for (const buf of [png, pdf, oldXls]) {
      expect(detectFormat(buf)).toBeNull();
      expect(detectFormat(buf, { filename: 'orders.csv', contentType: 'text/csv' })).toBeNull();
    }
  });

  it('recognises CSV text in UTF-8 (with or without BOM), GB18030 and UTF-16', () => {
    expect(detectFormat(Buffer.from('sku,名称\nA1,茶\n'))).toBe('csv');
    expect(detectFormat(Buffer.from('\ufeffsku;名称\r\nA1;茶\r\n'))).toBe('csv');
    expect(detectFormat(gb18030Csv)).toBe('csv');
    expect(detectFormat(Buffer.from('\ufeffsku\t名称\r\n', 'utf16le'))).toBe('csv');
  });

  it('uses the hint only when the content cannot tell', () => {
    const oneColumn = Buffer.from('sku\nA1\nA2\n');
    expect(detectFormat(oneColumn)).toBeNull();
    expect(detectFormat(oneColumn, { filename: 'SKUS.CSV' })).toBe('csv');
    expect(detectFormat(oneColumn, { contentType: 'text/csv; charset=utf-8' })).toBe('csv');
    expect(detectFormat(oneColumn, { contentType: 'application/vnd.ms-excel' })).toBe('csv');
    expect(detectFormat(oneColumn, { filename: 'notes.docx' })).toBeNull();
  });

  it('rejects HTML dressed as a spreadsheet and empty files', () => {
    expect(detectFormat(Buffer.from('<html><table><tr><td>a,b</td></tr></table></html>'))).toBeNull();
    expect(detectFormat(Buffer.alloc(0), { filename: 'a.csv' })).toBeNull();
  });
});

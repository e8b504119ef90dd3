import { describe, expect, it } from 'vitest';
import { readTable, TableReadError, TableTooLargeError } from './read-table.ts';

// Bytes as Chinese and Japanese Excel save "CSV (comma delimited)" by default.
const gb18030 = Buffer.from('c9ccc6b7c3fbb3c62cb5a5bcdb0d0ab9acb1a3bca6b6a12c32380d0a', 'hex'); // 商品名称,单价 / 宫保鸡丁,28
const shiftJis = Buffer.from(
  '8fa4956996bc2c89bf8a690d0a8389815b838183932c3830300d0a8fdd96fb8389815b838183932c3930300d0a',
  'hex',
); // 商品名,価格 / ラーメン,800 / 醤油ラーメン,900

const cells = async (buf: Buffer) => (await readTable(buf, 'csv')).rows.map((r) => ({ ...r.cells }));

describe('readTable (CSV)', () => {
  it('reads Chinese in UTF-8 with and without BOM', async () => {
    const text = '商品名称,单价\r\n宫保鸡丁,28\r\n';
    const expected = [{ 商品名称: '宫保鸡丁', 单价: '28' }];
    expect(await cells(Buffer.from(`\ufeff${text}`))).toEqual(expected);
    expect(await cells(Buffer.from(text))).toEqual(expected);
    expect((await readTable(Buffer.from(`\ufeff${text}`), 'csv')).headers).toEqual(['商品名称', '单价']);
  });

  it('reads GB18030 (Chinese Excel default) and Shift_JIS (Japanese Excel default)', async () => {
    expect(await cells(gb18030)).toEqual([{ 商品名称: '宫保鸡丁', 单价: '28' }]);
    expect(await cells(shiftJis)).toEqual([
      { 商品名: 'ラーメン', 価格: '800' },
      { 商品名: '醤油ラーメン', 価格: '900' },
    ]);
  });

  it('reads UTF-16 "Unicode text" exports', async () => {
    expect(await cells(Buffer.from('\ufeffsku\t名称\r\nA1\t茶\r\n', 'utf16le'))).toEqual([
      { sku: 'A1', 名称: '茶' },
    ]);
  });

  it('detects semicolon and tab delimiters from the header line', async () => {
    expect(await cells(Buffer.from('sku;price;note\nA1;12,50;"a;b"\n'))).toEqual([
      { sku: 'A1', price: '12,50', note: 'a;b' },
    ]);
    expect(await cells(Buffer.from('sku\tprice\nA1\t1,000\n'))).toEqual([{ sku: 'A1', price: '1,000' }]);
    // Commas inside the quoted header do not count.
    expect((await readTable(Buffer.from('"a,b,c";d\n1;2\n'), 'csv')).headers).toEqual(['a,b,c', 'd']);
  });

  it('keeps quoted newlines in one cell and numbers rows the way Excel shows them', async () => {
    const csv = 'sku,note\r\nA1,"line one\r\nline two"\r\nA2,ok\r\n\r\n,\r\nA3,"say ""hi"""\r\n';
    const table = await readTable(Buffer.from(csv), 'csv');
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: { sku: 'A1', note: 'line one\r\nline two' } },
      { rowNumber: 3, cells: { sku: 'A2', note: 'ok' } },
      // Rows 4 (blank) and 5 (only delimiters) are skipped but still counted.
      { rowNumber: 6, cells: { sku: 'A3', note: 'say "hi"' } },
    ]);
  });

  it('trims headers and cells, fills short rows, drops cells past the last header', async () => {
    const table = await readTable(Buffer.from(' sku , name ,,\nA1 ,  tea\nA2,milk,extra,more\n'), 'csv');
    expect(table.headers).toEqual(['sku', 'name']);
    expect(table.rows.map((r) => ({ ...r.cells }))).toEqual([
      { sku: 'A1', name: 'tea' },
      { sku: 'A2', name: 'milk' },
    ]);
  });

  it('keeps a "__proto__" header as plain data', async () => {
    const table = await readTable(Buffer.from('__proto__,a\nx,1\n'), 'csv');
    expect(Object.entries(table.rows[0]?.cells ?? {})).toEqual([
      ['__proto__', 'x'],
      ['a', '1'],
    ]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('undoes the export formula guard so exports can be imported back', async () => {
    expect(await cells(Buffer.from("f,n\n'=1+2,-5\n"))).toEqual([{ f: '=1+2', n: '-5' }]);
  });

  it('throws TableTooLargeError past maxRows, carrying the limit', async () => {
    const csv = Buffer.from(`sku\n${Array.from({ length: 6 }, (_, i) => `A${i}`).join('\n')}\n`);
    expect((await readTable(csv, 'csv', { maxRows: 6 })).rows).toHaveLength(6);
    const err = await readTable(csv, 'csv', { maxRows: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableTooLargeError);
    expect((err as TableTooLargeError).maxRows).toBe(5);
  });

  it('throws TableReadError for CSV it cannot parse', async () => {
    await expect(readTable(Buffer.from('a,b\n"unclosed,1\n'), 'csv')).rejects.toBeInstanceOf(TableReadError);
  });

  it('reads an empty file as an empty table', async () => {
    expect(await readTable(Buffer.alloc(0), 'csv')).toEqual({ headers: [], rows: [] });
  });
});

import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.ts';
import { bufferSink, settled } from './test-sinks.ts';
import { sheetName, writeXlsx } from './write-xlsx.ts';
import { zipEntryInput } from './xlsx-backpressure.ts';

const headers = ['单号', '商品', '单价', '数量', '启用', '日期', '时间', '空', '备注'];
const rows = [
  [
    'A-1',
    '宫保鸡丁',
    12.5,
    3,
    true,
    new Date(Date.UTC(2026, 2, 1)),
    new Date(Date.UTC(2026, 2, 1, 9, 30)),
    null,
    'a,"b"\nc',
  ],
  ['A-2', 'ラーメン', 0.1 + 0.2, -4, false, undefined, undefined, '', '=1+2'],
];

async function xlsxOf(sheet: Parameters<typeof writeXlsx>[1], data: unknown[][]): Promise<Buffer> {
  const sink = bufferSink();
  await writeXlsx(sink.out, sheet, data);
  return sink.bytes();
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('writeXlsx', () => {
  it('round-trips through readTable: same cells back as from CSV', async () => {
    const table = await readTable(await xlsxOf({ name: '订单', headers }, rows), 'xlsx');
    expect(table.headers).toEqual(headers);
    expect(table.rows.map((r) => ({ rowNumber: r.rowNumber, ...r.cells }))).toEqual([
      {
        rowNumber: 2,
        ...{ 单号: 'A-1', 商品: '宫保鸡丁', 单价: '12.5', 数量: '3', 启用: 'TRUE' },
        ...{ 日期: '2026-03-01', 时间: '2026-03-01 09:30:00', 空: '', 备注: 'a,"b"\nc' },
      },
      {
        rowNumber: 3,
        ...{ 单号: 'A-2', 商品: 'ラーメン', 单价: '0.3', 数量: '-4', 启用: 'FALSE' },
        ...{ 日期: '', 时间: '', 空: '', 备注: '=1+2' },
      },
    ]);
  });

  it('keeps types, bolds and freezes the header, applies column widths and formats', async () => {
    const buf = await xlsxOf(
      { name: '订单', headers, columns: [{ width: 20 }, {}, { numFmt: '#,##0.00' }] },
      rows,
    );
    const sheet = (await load(buf)).worksheets[0]!;
    expect(sheet.name).toBe('订单');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getCell('C2').value).toBe(12.5);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('D3').value).toBe(-4);
    expect(sheet.getCell('E2').value).toBe(true);
    expect(sheet.getCell('F2').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(sheet.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('G2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // Text that looks like a formula stays text in XLSX: no guard needed, no formula run.
    expect(sheet.getCell('I3').value).toBe('=1+2');
  });

  it('stores values Excel cannot hold safely as something it can', async () => {
    const buf = await xlsxOf({ name: 'S', headers: ['a', 'b', 'c', 'd'] }, [
      [Number.NaN, 2n ** 60n, { k: 1 }, 'bell\u0007'],
    ]);
    const row = (await load(buf)).worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBeNull();
    expect(row.getCell(2).value).toBe('1152921504606846976');
    expect(row.getCell(3).value).toBe('{"k":1}');
    expect(row.getCell(4).value).toBe('bell');
  });

  it('makes any name a valid sheet name', () => {
    expect(sheetName('Orders 2026/03: [draft]?')).toBe('Orders 2026_03_ _draft__');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName("''")).toBe('Sheet1');
  });

  it('round-trips 20,000 rows of CJK text intact', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => [`订单${i}`, `宫保鸡丁・ラーメン${i}号`, i * 1.5]);
    const table = await readTable(
      await xlsxOf({ name: 'S', headers: ['单号', '商品', '金额'] }, many),
      'xlsx',
    );
    expect(table.rows).toHaveLength(20_000);
    expect(table.rows.find((r) => r.cells.商品?.includes('\ufffd'))).toBeUndefined();
    expect(table.rows[19_999]).toEqual({
      rowNumber: 20_001,
      cells: expect.objectContaining({
        单号: '订单19999',
        商品: '宫保鸡丁・ラーメン19999号',
        金额: '29998.5',
      }),
    });
  });

  it('still finds the exceljs internal it waits on (pinned exceljs version)', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    expect(zipEntryInput(workbook.addWorksheet('S'))).not.toBeNull();
  });

  it('stops pulling rows while the client is not reading', async () => {
    let pulled = 0;
    // Random text, so compression cannot hide how much is held back.
    const text = () => Math.random().toString(36).slice(2);
    function* source() {
      for (let i = 0; i < 100_000; i++, pulled++)
        yield [i, text() + text() + text() + text() + text() + text()];
    }
    const held: (() => void)[] = [];
    const out = new Writable({ highWaterMark: 1024, write: (_c, _e, done) => held.push(done) });
    const writing = writeXlsx(out, { name: 'S', headers: ['n', 'text'] }, source());
    // Blocked on the client, well short of the 100,000 rows on offer.
    expect(await settled(() => pulled)).toBeLessThan(40_000);
    out._write = (_c, _e, done) => done();
    for (const done of held.splice(0)) done();
    await writing;
    expect(pulled).toBe(100_000);
  });

  it('fails instead of hanging when the client goes away mid-download', async () => {
    function* source() {
      for (let i = 0; i < 100_000; i++) yield [i, `text ${i}`];
    }
    const out = new Writable({ highWaterMark: 1024, write: () => {} });
    const writing = writeXlsx(out, { name: 'S', headers: ['n', 'text'] }, source());
    await sleep(50);
    out.destroy(new Error('socket hang up'));
    await expect(writing).rejects.toThrow('socket hang up');
  });
});

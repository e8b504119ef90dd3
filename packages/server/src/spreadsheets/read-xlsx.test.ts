import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable, TableReadError, TableTooLargeError } from './read-table.ts';
import { xlsxFixture } from './xlsx-fixture.ts';

// Shared strings as Excel writes them: plain, with a Japanese reading guide, and as rich text.
const sharedStrings = [
  '<si><t>商品</t></si>',
  '<si><t>売上</t><rPh sb="0" eb="2"><t>ウリアゲ</t></rPh><phoneticPr fontId="1"/></si>',
  '<si><r><rPr><b/></rPr><t>宫保</t></r><r><t xml:space="preserve">鸡丁 </t></r></si>',
  '<si><t> 金额 </t></si>',
  '<si><t>日期</t></si>',
];
const ordersXml = `
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>4</v></c><c r="D1" t="inlineStr"><is><t>Formula</t></is></c><c r="E1" t="inlineStr"><is><t>Other</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>0.30000000000000004</v></c><c r="C2" s="1"><v>45292</v></c><c r="D2"><f>B2*2</f><v>0.6000000000000001</v></c><c r="E2" t="b"><v>1</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c></row>
<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5"><v>-12.5</v></c><c r="C5" s="2"><v>45292.5</v></c><c r="D5" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="E5" t="e"><v>#N/A</v></c></row>
<row r="6"><c r="A6"><v>13800138000</v></c><c r="C6" s="1"><f>C2+1</f><v>45293</v></c></row>`;
// The first tab is stored as sheet2.xml: tab order, not part name, decides which sheet is first.
const workbook = xlsxFixture({
  sheets: [
    { name: '订单', part: 2, rowsXml: ordersXml },
    {
      name: 'Lists',
      part: 1,
      rowsXml: '<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>',
    },
  ],
  sharedStrings,
});

describe('readTable (XLSX)', () => {
  it('reads the first tab with cells as the user sees them', async () => {
    const table = await readTable(workbook, 'xlsx');
    expect(table.headers).toEqual(['商品', '金额', '日期', 'Formula', 'Other']);
    expect(table.rows.map((r) => ({ rowNumber: r.rowNumber, ...r.cells }))).toEqual([
      // Phonetic guide ignored, float noise gone, date as ISO, formula as its cached result.
      { rowNumber: 2, 商品: '売上', 金额: '0.3', 日期: '2024-01-01', Formula: '0.6', Other: 'TRUE' },
      // Row 3 is empty and row 4 missing: skipped, yet numbering follows Excel.
      {
        rowNumber: 5,
        商品: '宫保鸡丁',
        金额: '-12.5',
        日期: '2024-01-01 12:00:00',
        Formula: 'xy',
        Other: '#N/A',
      },
      { rowNumber: 6, 商品: '13800138000', 金额: '', 日期: '2024-01-02', Formula: '', Other: '' },
    ]);
  });

  it('skips hidden sheets, fills merged cells down, reads hyperlinks as their text', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Lists', { state: 'hidden' }).addRow(['not this one']);
    const sheet = book.addWorksheet('Menu');
    sheet.addRow(['分类', '菜名']);
    sheet.addRow(['热菜', '宫保鸡丁']);
    sheet.addRow([null, '鱼香肉丝']);
    sheet.mergeCells('A2:A3');
    sheet.getCell('B4').value = { text: '菜单', hyperlink: 'https://example.com/menu' };
    const table = await readTable(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    expect(table.rows.map((r) => ({ ...r.cells }))).toEqual([
      { 分类: '热菜', 菜名: '宫保鸡丁' },
      { 分类: '热菜', 菜名: '鱼香肉丝' },
      { 分类: '', 菜名: '菜单' },
    ]);
  });

  it('honours the 1904 date system of old Mac workbooks', async () => {
    const mac = xlsxFixture({
      sheets: [
        {
          name: 'S',
          part: 1,
          rowsXml:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row>',
        },
      ],
      date1904: true,
    });
    expect((await readTable(mac, 'xlsx')).rows[0]?.cells.d).toBe('1904-01-01');
  });

  it('throws TableTooLargeError past maxRows', async () => {
    await expect(readTable(workbook, 'xlsx', { maxRows: 3 })).resolves.toBeTruthy();
    const err = await readTable(workbook, 'xlsx', { maxRows: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableTooLargeError);
    expect((err as TableTooLargeError).maxRows).toBe(2);
  });

  it('throws TableReadError for a damaged workbook', async () => {
    const damaged = Buffer.concat([workbook.subarray(0, 400), Buffer.alloc(200)]);
    await expect(readTable(damaged, 'xlsx')).rejects.toBeInstanceOf(TableReadError);
  });
});

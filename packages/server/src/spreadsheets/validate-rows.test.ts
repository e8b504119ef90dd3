import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Table } from './table.ts';
import { type ColumnSpec, validateRows } from './validate-rows.ts';

const columns: ColumnSpec[] = [
  { key: 'sku', headers: ['SKU', '商品编码', '品番'], schema: z.string().max(8), required: true },
  { key: 'price', headers: ['Price', '单价', '価格'], schema: z.coerce.number().min(0), required: true },
  { key: 'stock', headers: ['Stock', '库存', '在庫'], schema: z.coerce.number().int().min(1) },
  { key: 'note', headers: ['Note', '备注'], schema: z.string() },
];

function table(headers: string[], rows: string[][]): Table {
  return {
    headers,
    rows: rows.map((values, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, values[j] ?? ''])),
    })),
  };
}

describe('validateRows', () => {
  it('parses good rows into typed values; an empty optional cell is undefined without running its schema', () => {
    const result = validateRows(
      table(
        ['商品编码', '单价', '库存'],
        [
          ['A1', '12.5', '3'],
          ['A2', '0', ''],
        ],
      ),
      columns,
      'zh-CN',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { rowNumber: 2, value: { sku: 'A1', price: 12.5, stock: 3 } },
      { rowNumber: 3, value: { sku: 'A2', price: 0, stock: undefined } },
    ]);
    // A column missing from the file is left out, so a bulk update can tell "absent" from "cleared".
    expect('note' in (result.rows[0]?.value ?? {})).toBe(false);
  });

  it('reports every bad cell of every row with its row and the header as written', () => {
    const result = validateRows(
      table(
        ['SKU', 'Price', 'Stock'],
        [
          ['A1', 'abc', '0'],
          ['TOO-LONG-SKU', '-1', '2.5'],
          ['A3', '5', '1'],
          ['', '', ''],
        ],
      ),
      columns,
      'en',
    );
    expect(result.errors.map(({ row, column, value }) => ({ row, column, value }))).toEqual([
      { row: 2, column: 'Price', value: 'abc' },
      { row: 2, column: 'Stock', value: '0' },
      { row: 3, column: 'SKU', value: 'TOO-LONG-SKU' },
      { row: 3, column: 'Price', value: '-1' },
      { row: 3, column: 'Stock', value: '2.5' },
      { row: 5, column: 'SKU', value: '' },
      { row: 5, column: 'Price', value: '' },
    ]);
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(result.errors.at(-1)?.message).toBe('This cell is required');
    expect(result.rows.map((r) => r.rowNumber)).toEqual([4]);
  });

  it("localises messages with zod's locales and its own", () => {
    const t = table(['SKU', 'Price'], [['A1', 'abc']]);
    const zh = validateRows(t, columns, 'zh-CN').errors[0]?.message;
    const en = validateRows(t, columns, 'en').errors[0]?.message;
    const ja = validateRows(t, columns, 'ja').errors[0]?.message;
    expect(en).toMatch(/expected number/);
    expect(zh).toMatch(/数字/);
    expect(ja).toMatch(/数値/);
    expect(new Set([zh, en, ja]).size).toBe(3);
    const missing = table(['SKU'], [['A1']]);
    expect(validateRows(missing, columns, 'zh-CN').errors[0]?.message).toBe('缺少必填列：Price、单价、価格');
    expect(validateRows(missing, columns, 'ja').errors[0]?.message).toBe(
      '必須の列がありません：Price、单价、価格',
    );
  });

  it('matches header aliases in any language, ignoring case, spaces, full-width forms and a required "*"', () => {
    for (const headers of [
      ['sku', 'PRICE'],
      ['品番', '価格'],
      [' 商品 编码 ', '单价\n'],
      ['ＳＫＵ', '*Price'],
    ]) {
      const result = validateRows(table(headers, [['A1', '9']]), columns, 'ja');
      expect(result.errors).toEqual([]);
      expect(result.rows[0]?.value).toEqual({ sku: 'A1', price: 9 });
    }
  });

  it('reports a missing required column once, on row 1, and accepts no row', () => {
    const result = validateRows(
      table(
        ['SKU', 'Stock'],
        [
          ['A1', '1'],
          ['A2', 'x'],
        ],
      ),
      columns,
      'en',
    );
    expect(result.errors).toEqual([
      { row: 1, column: 'price', value: '', message: 'Missing required column: Price / 单价 / 価格' },
      { row: 3, column: 'Stock', value: 'x', message: 'Invalid input: expected number, received NaN' },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('reports a second column for the same field as an error and unknown columns as warnings', () => {
    const result = validateRows(
      table(['SKU', 'Price', '商品编码', 'Colour', 'colour'], [['A1', '1', 'A9', 'red', 'blue']]),
      columns,
      'en',
    );
    expect(result.errors).toEqual([
      { row: 1, column: '商品编码', value: '商品编码', message: 'Column "商品编码" duplicates column "SKU"' },
    ]);
    expect(result.warnings).toEqual([
      { row: 1, column: 'Colour', value: 'Colour', message: 'Unknown column, ignored' },
    ]);
    expect(result.rows).toEqual([]);
  });
});

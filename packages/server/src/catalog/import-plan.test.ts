import { describe, expect, it } from 'vitest';
import { type CatalogState, planImport, type SourceRow } from './import-plan.ts';
import {
  type CatalogColumn,
  catalogColumns,
  formatYuan,
  parseBool,
  parseOptions,
  parseYuan,
  type SheetRow,
} from './sheet-format.ts';

describe('cell parsers', () => {
  it('reads yuan exactly into minor units', () => {
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.05')).toBe(5);
    expect(parseYuan('28')).toBe(2800);
    expect(parseYuan('¥1,234.50')).toBe(123450);
    expect(parseYuan('１２.５')).toBe(1250); // full-width digits from a Chinese IME
    expect(parseYuan('0.1')).toBe(10);
    for (const bad of ['-1', '1.234', 'abc', '', '1,23', '1e3', '.5']) expect(parseYuan(bad), bad).toBeNull();
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(123450)).toBe('1234.50');
    expect(formatYuan(0)).toBe('0.00');
  });

  it('reads yes/no in three languages', () => {
    for (const t of ['TRUE', 'true', '是', 'はい', '1', 'Yes']) expect(parseBool(t), t).toBe(true);
    for (const t of ['FALSE', '否', 'いいえ', '0', 'no', '下架']) expect(parseBool(t), t).toBe(false);
    expect(parseBool('maybe')).toBeNull();
  });

  it('reads variant options, full-width separators included', () => {
    expect(parseOptions('size=large;colour=black', 'en')).toEqual([
      ['size', 'large'],
      ['colour', 'black'],
    ]);
    expect(parseOptions('规格＝大碗；辣度=微辣;', 'zh-CN')).toEqual([
      ['规格', '大碗'],
      ['辣度', '微辣'],
    ]);
    expect(parseOptions('size', 'en')).toMatch(/name=value/);
    expect(parseOptions('size=a;size=b', 'en')).toBe('Option "size" appears twice');
  });
});

// ——— planning against a small catalog ———

const ids = { drinks: 'c-drinks', hot: 'c-hot', latte: 'p-latte', bagel: 'p-bagel' };
const state: CatalogState = {
  categories: [
    { id: ids.drinks, parentId: null, name: '饮品' },
    { id: ids.hot, parentId: ids.drinks, name: '热饮' },
  ],
  products: [
    {
      id: ids.latte,
      categoryId: ids.hot,
      name: '拿铁',
      description: null,
      unit: '杯',
      tags: [],
      optionGroups: [
        {
          code: 'size',
          name: '杯型',
          variant: true,
          required: true,
          values: [
            { code: 'large', name: '大杯', priceDelta: 0 },
            { code: 'small', name: '中杯', priceDelta: 0 },
          ],
        },
      ],
    },
    {
      id: ids.bagel,
      categoryId: null,
      name: 'Bagel',
      description: 'old',
      unit: '个',
      tags: ['a'],
      optionGroups: [],
    },
  ],
  skus: [
    {
      id: 's1',
      productId: ids.latte,
      code: 'LATTE-L',
      options: { size: 'large' },
      price: 2800,
      active: true,
    },
    {
      id: 's2',
      productId: ids.latte,
      code: 'LATTE-S',
      options: { size: 'small' },
      price: 2500,
      active: true,
    },
    { id: 's3', productId: ids.bagel, code: 'BAGEL', options: {}, price: 1200, active: true },
  ],
};

const rowsOf = (list: Partial<Record<CatalogColumn, string>>[]): SourceRow[] =>
  list.map((raw, i) => {
    const value: SheetRow = {};
    const v = value as Record<string, unknown>;
    for (const [k, text] of Object.entries(raw) as [CatalogColumn, string][]) {
      if (text === '') v[k] = undefined;
      else if (k === 'sku') v[k] = text.toUpperCase();
      else if (k === 'price') v[k] = parseYuan(text);
      else if (k === 'active') v[k] = parseBool(text);
      else if (k === 'tags') v[k] = text.split(';');
      else if (k === 'options') v[k] = parseOptions(text, 'en');
      else v[k] = text;
    }
    return { rowNumber: i + 2, raw, value, failed: new Set() };
  });

const plan = (
  list: Partial<Record<CatalogColumn, string>>[],
  present: CatalogColumn[] = [...catalogColumns],
) => planImport(rowsOf(list), state, new Set(present), (c) => c, 'en');

describe('planImport', () => {
  it('counts an unchanged file as unchanged, and finds sub-categories by path or by their own name', () => {
    const { errors, plan: p } = plan([
      {
        category: '饮品 / 热饮',
        product: '拿铁',
        unit: '杯',
        sku: 'LATTE-L',
        options: 'size=large',
        price: '28',
      },
      { category: '热饮', product: '拿铁', sku: 'latte-s', options: '杯型=中杯', price: '25.00' },
      { category: '', product: 'Bagel', description: 'old', tags: 'a', sku: 'BAGEL', price: '12' },
    ]);
    expect(errors).toEqual([]);
    expect(p.counts).toEqual({
      products: { created: 0, updated: 0, unchanged: 2 },
      skus: { created: 0, updated: 0, unchanged: 3 },
    });
    expect([p.newCategories, p.productUpdates, p.skuUpdates]).toEqual([[], [], []]);
  });

  it('leaves fields whose column is absent as they are, and clears those left empty', () => {
    const kept = plan(
      [{ category: '', product: 'Bagel', sku: 'BAGEL', price: '12' }],
      ['category', 'product', 'sku', 'price'],
    );
    expect(kept.plan.productUpdates).toEqual([]);
    const cleared = plan([
      { category: '', product: 'Bagel', description: '', tags: '', sku: 'BAGEL', price: '12' },
    ]);
    expect(cleared.plan.productUpdates).toEqual([{ id: ids.bagel, set: { description: null, tags: [] } }]);
  });

  it('plans SKU changes, new options values and new categories', () => {
    const { errors, plan: p } = plan([
      {
        category: '饮品 / 热饮',
        product: '拿铁',
        sku: 'LATTE-L',
        options: 'size=small',
        price: '28',
        active: 'no',
      },
      { category: '饮品 / 热饮', product: '拿铁', sku: 'LATTE-S', options: 'size=大杯', price: '26' },
      { category: '饮品 / 热饮', product: '拿铁', sku: 'LATTE-XL', options: 'size=超大杯', price: '33' },
      { category: '甜品 / 蛋糕', product: '芝士', sku: 'CHEESE', price: '20' },
    ]);
    expect(errors).toEqual([]);
    expect(p.skuUpdates).toEqual([
      { id: 's1', set: { active: false, options: { size: 'small' } } },
      { id: 's2', set: { price: 2600, options: { size: 'large' } } },
    ]);
    expect(p.newSkus.map((s) => [s.code, s.options, s.price, s.active])).toEqual([
      ['LATTE-XL', { size: 'v3' }, 3300, true],
      ['CHEESE', {}, 2000, true],
    ]);
    expect(p.productUpdates[0]?.set.optionGroups?.[0]?.values.at(-1)).toEqual({
      code: 'v3',
      name: '超大杯',
      priceDelta: 0,
    });
    const [parent, child] = p.newCategories;
    expect([parent?.name, parent?.parentId, child?.name, child?.parentId]).toEqual([
      '甜品',
      null,
      '蛋糕',
      parent?.id,
    ]);
    expect(p.newProducts[0]).toMatchObject({ name: '芝士', categoryId: child?.id, unit: '份', tags: [] });
  });

  it('checks products across rows and against the SKUs the file leaves out', () => {
    const { errors } = plan([
      // a new variant group: LATTE-S, not in the file, would have no value for it
      {
        category: '饮品 / 热饮',
        product: '拿铁',
        sku: 'LATTE-L',
        options: 'size=large;temp=hot',
        price: '28',
      },
      { category: '', product: 'Bagel', unit: '个', sku: 'BAGEL', price: '12' },
      { category: '', product: 'Bagel', unit: '袋', sku: 'BAGEL-2', price: '12' }, // unit differs; same (no) options
      { category: '热饮 / 冰', product: 'x', sku: 'X', price: '1' }, // 热饮 is a sub-category
    ]);
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        2,
        'options',
        'Existing SKU LATTE-S (not in this file) has no value for the new option "temp"; add it to the file too',
      ],
      [4, 'unit', 'Row 3 of the same product says "个"; they must agree'],
      [4, 'options', 'Same options as row 3; each SKU of a product needs its own combination'],
      [5, 'category', '"热饮" is itself a sub-category and cannot have sub-categories'],
    ]);
  });
});

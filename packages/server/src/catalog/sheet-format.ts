import { format, type Locale, locales } from '@orderloop/contract';
import { z } from 'zod';
import type { ColumnSpec } from '../spreadsheets/index.ts';

/**
 * The catalog spreadsheet: one row per SKU, the product's own fields repeated on each of its rows.
 * Export writes the headers in the reader's language; import accepts any language's headers (and a
 * few common synonyms), matched ignoring case, spaces and full-width forms.
 *
 * Prices are written in yuan, the base price's minor units ÷ 100 with two decimals ("12.50"), and
 * read back exactly (no floating point): at most two decimals, 0 or more.
 */
type Text = Record<Locale, string>;

export const catalogColumns = [
  'category',
  'product',
  'description',
  'unit',
  'tags',
  'sku',
  'options',
  'price',
  'active',
] as const;
export type CatalogColumn = (typeof catalogColumns)[number];

/** The header each column gets in an export, by language. */
export const catalogHeaders: Record<CatalogColumn, Text> = {
  category: { 'zh-CN': '分类', en: 'Category', ja: 'カテゴリ' },
  product: { 'zh-CN': '商品名称', en: 'Product', ja: '商品名' },
  description: { 'zh-CN': '描述', en: 'Description', ja: '説明' },
  unit: { 'zh-CN': '单位', en: 'Unit', ja: '単位' },
  tags: { 'zh-CN': '标签', en: 'Tags', ja: 'タグ' },
  sku: { 'zh-CN': 'SKU编码', en: 'SKU code', ja: 'SKUコード' },
  options: { 'zh-CN': '规格', en: 'Variant options', ja: 'バリエーション' },
  price: { 'zh-CN': '价格（元）', en: 'Price (CNY)', ja: '価格（元）' },
  active: { 'zh-CN': '上架', en: 'Active', ja: '販売中' },
};

/** More headers the import understands (what people type in a hand-made sheet). */
const synonyms: Record<CatalogColumn, string[]> = {
  category: ['类别', '商品分类', 'カテゴリー', '分類'],
  product: ['商品', '名称', '品名', 'Product name', 'Name'],
  description: ['说明', '商品描述', '商品説明'],
  unit: [],
  tags: ['标签（;分隔）'],
  sku: ['SKU', 'SKU 编码', '商品编码', '编码', '品番', 'コード', 'Code'],
  options: ['规格选项', 'Options', 'Variant', 'バリエーション', '規格'],
  price: ['价格', '单价', '售价', 'Price', '価格', '単価', '価格（円）'],
  active: ['是否上架', '启用', 'Enabled', '有効'],
};

/** `库存:A`, `Stock:A`, `在庫:A` — on hand in the store with code A. */
export const stockPrefix: Text = { 'zh-CN': '库存', en: 'Stock', ja: '在庫' };
export const stockHeader = (locale: Locale, storeCode: string) => `${stockPrefix[locale]}:${storeCode}`;

export const sheetName: Text = { 'zh-CN': '商品目录', en: 'Catalog', ja: '商品カタログ' };
export const fileLabel: Text = { 'zh-CN': '商品目录', en: 'catalog', ja: '商品カタログ' };

/** A sub-category is written "Parent / Child". */
export const CATEGORY_SEPARATOR = ' / ';

const messages = {
  skuCode: {
    'zh-CN': 'SKU 编码只能包含字母、数字和 . _ -，长度 1–40',
    en: 'Use 1–40 letters, digits, ".", "_" or "-"',
    ja: 'SKU コードは英数字と . _ - で 1～40 文字にしてください',
  },
  price: {
    'zh-CN': '请填写不小于 0 的金额（元），最多两位小数',
    en: 'Enter an amount in yuan of 0 or more, with at most two decimals',
    ja: '0 以上の金額（元）を小数点以下 2 桁までで入力してください',
  },
  priceTooHigh: {
    'zh-CN': '金额不能超过 {max}',
    en: 'The amount cannot be more than {max}',
    ja: '金額は {max} 以下にしてください',
  },
  bool: {
    'zh-CN': '请填写 是 或 否（TRUE / FALSE）',
    en: 'Enter TRUE or FALSE (yes / no)',
    ja: 'TRUE または FALSE（はい / いいえ）を入力してください',
  },
  optionsFormat: {
    'zh-CN': '规格应写成 名称=值，多个用 ; 分隔，例如 size=large;colour=black',
    en: 'Write options as name=value separated by ";", e.g. size=large;colour=black',
    ja: '「名前=値」を ; で区切って書いてください（例：size=large;colour=black）',
  },
  optionTooLong: {
    'zh-CN': '规格名称或值「{text}」超过 {max} 个字符',
    en: 'Option name or value "{text}" is longer than {max} characters',
    ja: 'バリエーションの名前または値「{text}」が {max} 文字を超えています',
  },
  optionRepeated: {
    'zh-CN': '规格「{group}」出现了两次',
    en: 'Option "{group}" appears twice',
    ja: 'バリエーション「{group}」が 2 回あります',
  },
  tag: {
    'zh-CN': '最多 {max} 个标签，每个不超过 {length} 个字符，用 ; 分隔',
    en: 'At most {max} tags of up to {length} characters each, separated by ";"',
    ja: 'タグは ; 区切りで最大 {max} 個、各 {length} 文字以内にしてください',
  },
  duplicateSku: {
    'zh-CN': 'SKU 编码 {code} 与第 {row} 行重复',
    en: 'SKU code {code} is also on row {row}',
    ja: 'SKU コード {code} は {row} 行目と重複しています',
  },
  productFieldDiffers: {
    'zh-CN': '同一商品在第 {row} 行填写的是「{value}」，请保持一致',
    en: 'Row {row} of the same product says "{value}"; they must agree',
    ja: '同じ商品の {row} 行目は「{value}」です。一致させてください',
  },
  categoryDepth: {
    'zh-CN': '分类最多两级，请写成「父分类 / 子分类」',
    en: 'Categories nest one level: write "Parent / Child"',
    ja: 'カテゴリは 2 階層までです。「親 / 子」と書いてください',
  },
  categoryName: {
    'zh-CN': '分类名称不能为空且不超过 {max} 个字符',
    en: 'A category name must be 1–{max} characters',
    ja: 'カテゴリ名は 1～{max} 文字にしてください',
  },
  categoryAmbiguous: {
    'zh-CN': '有多个名为「{name}」的分类，无法确定是哪一个',
    en: 'Several categories are named "{name}"; cannot tell which one is meant',
    ja: '「{name}」という名前のカテゴリが複数あり、特定できません',
  },
  categoryParentIsChild: {
    'zh-CN': '「{name}」本身是子分类，不能再包含子分类',
    en: '"{name}" is itself a sub-category and cannot have sub-categories',
    ja: '「{name}」はサブカテゴリのため、その下にカテゴリを作れません',
  },
  productAmbiguous: {
    'zh-CN': '该分类下有 {count} 个名为「{name}」的商品，无法确定更新哪一个',
    en: '{count} products in this category are named "{name}"; cannot tell which one to update',
    ja: 'このカテゴリに「{name}」という商品が {count} 件あり、どれを更新するか特定できません',
  },
  skuOfOtherProduct: {
    'zh-CN': 'SKU 编码 {code} 已属于商品「{product}」（{category}）',
    en: 'SKU code {code} already belongs to product "{product}" ({category})',
    ja: 'SKU コード {code} はすでに商品「{product}」（{category}）のものです',
  },
  noCategory: { 'zh-CN': '无分类', en: 'no category', ja: 'カテゴリなし' },
  modifierNotVariant: {
    'zh-CN': '「{group}」是加料/做法选项，不是规格，不能用于区分 SKU',
    en: '"{group}" is a modifier, not a variant option, so it cannot tell SKUs apart',
    ja: '「{group}」はオプション（トッピング等）で、SKU を区別するバリエーションではありません',
  },
  missingOption: {
    'zh-CN': '缺少规格「{group}」的值',
    en: 'No value for option "{group}"',
    ja: 'バリエーション「{group}」の値がありません',
  },
  duplicateCombo: {
    'zh-CN': '与第 {row} 行的规格相同，同一商品的每个 SKU 规格必须不同',
    en: 'Same options as row {row}; each SKU of a product needs its own combination',
    ja: '{row} 行目と同じバリエーションです。同じ商品の SKU はそれぞれ異なる組み合わせにしてください',
  },
  existingMissingOption: {
    'zh-CN': '已有 SKU {code}（不在此文件中）缺少新规格「{group}」的值；请把它也加入文件',
    en: 'Existing SKU {code} (not in this file) has no value for the new option "{group}"; add it to the file too',
    ja: '既存の SKU {code}（このファイルにない）に新しいバリエーション「{group}」の値がありません。ファイルに追加してください',
  },
  existingDuplicateCombo: {
    'zh-CN': '与已有 SKU {code}（不在此文件中）的规格相同',
    en: 'Same options as existing SKU {code} (not in this file)',
    ja: '既存の SKU {code}（このファイルにない）と同じバリエーションです',
  },
  tooManySkus: {
    'zh-CN': '一个商品最多 {max} 个 SKU',
    en: 'A product can have at most {max} SKUs',
    ja: '1 つの商品の SKU は最大 {max} 個です',
  },
  tooManyGroups: {
    'zh-CN': '一个商品最多 {max} 组选项',
    en: 'A product can have at most {max} option groups',
    ja: '1 つの商品のオプショングループは最大 {max} 個です',
  },
  tooManyValues: {
    'zh-CN': '规格「{group}」最多 {max} 个值',
    en: 'Option "{group}" can have at most {max} values',
    ja: 'バリエーション「{group}」の値は最大 {max} 個です',
  },
} satisfies Record<string, Text>;
export type SheetMessageKey = keyof typeof messages;

export function sheetText(locale: Locale, key: SheetMessageKey, vars?: Record<string, string | number>) {
  return format(messages[key][locale], vars);
}

// ——— cell parsers ———

const MAX_PRICE = 1_000_000_000;
const PRICE = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** "12.5" → 1250. Exact decimal arithmetic; accepts a leading ¥ and 1,234.50 style grouping. */
export function parseYuan(text: string): number | null {
  let t = text
    .normalize('NFKC')
    .replace(/^[¥￥]\s*/, '')
    .trim();
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replaceAll(',', '');
  const m = PRICE.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1250 → "12.50" */
export const formatYuan = (minor: number) =>
  `${Math.trunc(minor / 100)}.${String(Math.abs(minor % 100)).padStart(2, '0')}`;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是', '上架', '启用', '有效', 'はい', '有効', '○']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否', '下架', '停用', '无效', 'いいえ', '無効', '×']);

export function parseBool(text: string): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

const OPTION_TEXT_MAX = 40;

/** "size=large;colour=black" → [["size","large"],["colour","black"]]; a string is the message. */
export function parseOptions(text: string, locale: Locale): [string, string][] | string {
  const pairs: [string, string][] = [];
  for (const part of text.normalize('NFKC').split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return sheetText(locale, 'optionsFormat');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!key || !value) return sheetText(locale, 'optionsFormat');
    for (const t of [key, value])
      if (t.length > OPTION_TEXT_MAX)
        return sheetText(locale, 'optionTooLong', { text: t, max: OPTION_TEXT_MAX });
    if (pairs.some(([k]) => k === key)) return sheetText(locale, 'optionRepeated', { group: key });
    pairs.push([key, value]);
  }
  return pairs;
}

export const formatOptions = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join(';');

const TAG_MAX = 20;
const TAG_LENGTH = 20;
export const splitTags = (text: string) =>
  text
    .normalize('NFKC')
    .split(/[;,、]/)
    .map((t) => t.trim())
    .filter(Boolean);

type Parsed<T> = { ok: true; value: T } | { ok: false; message?: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message?: string): Parsed<never> => ({ ok: false, message });

/** A zod schema over a cell's text, failing with one localised message. */
function cell<T>(locale: Locale, parse: (text: string) => Parsed<T>, fallback: SheetMessageKey) {
  return z.string().transform((text, ctx) => {
    const out = parse(text);
    if (out.ok) return out.value;
    ctx.issues.push({ code: 'custom', input: text, message: out.message ?? sheetText(locale, fallback) });
    return z.NEVER;
  });
}

/** A row of the sheet after its cells were checked: a key is absent when its column is. */
export type SheetRow = {
  category?: string;
  product?: string;
  description?: string;
  unit?: string;
  tags?: string[];
  sku?: string;
  options?: [string, string][];
  price?: number;
  active?: boolean;
};

const aliases = (column: CatalogColumn) => [
  ...locales.map((l) => catalogHeaders[column][l]),
  ...synonyms[column],
];

/** The import's column specs in `locale`, plus one ignored stock column per store code. */
export function importColumns(locale: Locale, storeCodes: string[]): ColumnSpec[] {
  const specs: Record<CatalogColumn, Omit<ColumnSpec, 'key' | 'headers'>> = {
    category: { schema: z.string().max(130) },
    product: { schema: z.string().max(120), required: true },
    description: { schema: z.string().max(4000) },
    unit: { schema: z.string().max(10) },
    tags: {
      schema: cell(
        locale,
        (t) => {
          const tags = splitTags(t);
          return tags.length <= TAG_MAX && tags.every((x) => x.length <= TAG_LENGTH)
            ? ok([...new Set(tags)])
            : bad();
        },
        'tag',
      ),
    },
    sku: {
      schema: cell(
        locale,
        (t) => (/^[A-Za-z0-9._-]{1,40}$/.test(t) ? ok(t.toUpperCase()) : bad()),
        'skuCode',
      ),
      required: true,
    },
    options: {
      schema: cell(
        locale,
        (t) => {
          const pairs = parseOptions(t, locale);
          return typeof pairs === 'string' ? bad(pairs) : ok(pairs);
        },
        'optionsFormat',
      ),
    },
    price: {
      schema: cell(
        locale,
        (t) => {
          const minor = parseYuan(t);
          if (minor === null) return bad();
          return minor > MAX_PRICE
            ? bad(sheetText(locale, 'priceTooHigh', { max: formatYuan(MAX_PRICE) }))
            : ok(minor);
        },
        'price',
      ),
      required: true,
    },
    active: {
      schema: cell(
        locale,
        (t) => {
          const b = parseBool(t);
          return b === null ? bad() : ok(b);
        },
        'bool',
      ),
    },
  };
  const columns: ColumnSpec[] = catalogColumns.map((key) => ({ key, headers: aliases(key), ...specs[key] }));
  for (const code of storeCodes) {
    // recognised so they raise no "unknown column" warning, but stock is never imported
    columns.push({
      key: `stock:${code}`,
      headers: [...locales.map((l) => stockHeader(l, code)), `stock:${code}`],
      schema: z.string(),
    });
  }
  return columns;
}

/** The header aliases of one column, for sheet-level checks. */
export const headerAliases = aliases;

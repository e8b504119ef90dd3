import { customFieldPrefix, exportColumnLabels, format, type Locale, locales } from '@orderloop/contract';
import { z } from 'zod';
import type { ColumnSpec } from '../spreadsheets/index.ts';

/**
 * The bulk-update sheet: one row per order, found by its number; any of the other columns. Headers
 * are those of the order export in any language (so an export can be edited and uploaded back)
 * plus common synonyms. An empty cell leaves the field alone; "-" clears it.
 */
export const bulkFields = ['requestedDate', 'address', 'notes', 'tags', 'assignee'] as const;
export type BulkField = (typeof bulkFields)[number];

/** Each field's value after checking: null means "clear". */
export type BulkRow = {
  number: string;
  requestedDate?: string | null;
  address?: string | null;
  notes?: string | null;
  tags?: string[] | null;
  assignee?: string | null;
} & Record<`custom.${string}`, string | null | undefined>;

const CLEAR = '-';

type Text = Record<Locale, string>;
const messages = {
  date: {
    'zh-CN': '请填写 YYYY-MM-DD 格式的日期，或填 - 清空',
    en: 'Enter a date as YYYY-MM-DD, or - to clear it',
    ja: 'YYYY-MM-DD 形式の日付、または消去する場合は - を入力してください',
  },
  tags: {
    'zh-CN': '最多 20 个标签，每个不超过 30 个字符，用 ; 分隔',
    en: 'At most 20 tags of up to 30 characters each, separated by ";"',
    ja: 'タグは ; 区切りで最大 20 個、各 30 文字以内にしてください',
  },
  notFound: {
    'zh-CN': '找不到订单 {number}',
    en: 'No order {number}',
    ja: '注文 {number} が見つかりません',
  },
  duplicate: {
    'zh-CN': '订单 {number} 与第 {row} 行重复',
    en: 'Order {number} is also on row {row}',
    ja: '注文 {number} は {row} 行目と重複しています',
  },
  unknownUser: {
    'zh-CN': '找不到账号为「{name}」的在职员工',
    en: 'No active staff member with username "{name}"',
    ja: 'ユーザー名「{name}」の有効なスタッフが見つかりません',
  },
  ambiguousUser: {
    'zh-CN': '有多名员工叫「{name}」，请填写账号',
    en: 'Several staff members are called "{name}"; use the username',
    ja: '「{name}」という名前のスタッフが複数います。ユーザー名を入力してください',
  },
} satisfies Record<string, Text>;

export const bulkText = (
  locale: Locale,
  key: keyof typeof messages,
  vars?: Record<string, string | number>,
) => format(messages[key][locale], vars);

const allLabels = (key: keyof typeof exportColumnLabels) => locales.map((l) => exportColumnLabels[key][l]);

const clearable = (schema: z.ZodType) => z.union([z.literal(CLEAR).transform(() => null), schema]);

/** A real calendar day (2026-02-30 is not), as YYYY-MM-DD; Excel's date cells arrive in this form. */
const isDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const dateSchema = (locale: Locale) =>
  z
    .string()
    .transform((s) => s.trim().replaceAll('/', '-'))
    .refine(isDay, { message: messages.date[locale] });

const tagsSchema = (locale: Locale) =>
  z
    .string()
    .transform((s) =>
      s
        .split(/[;,，；、]/)
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine((tags) => tags.length <= 20 && tags.every((t) => t.length <= 30), {
      message: messages.tags[locale],
    })
    .transform((tags) => [...new Set(tags)]);

/** `Custom:colour`, `自定义：colour`, `カスタム:colour` → colour. */
const CUSTOM_HEADER = new RegExp(
  `^\\s*(?:${[...new Set(Object.values(customFieldPrefix))].join('|')})\\s*[:：]\\s*(.{1,40}?)\\s*$`,
  'i',
);
export const customKeyOf = (header: string) => CUSTOM_HEADER.exec(header)?.[1] ?? null;

/** The columns this file can have: the fixed ones and one per custom-field header it carries. */
export function bulkColumns(locale: Locale, headers: string[]): ColumnSpec[] {
  const custom = headers
    .map((h) => ({ header: h, key: customKeyOf(h) }))
    .filter((c): c is { header: string; key: string } => c.key !== null)
    .map(
      (c): ColumnSpec => ({
        key: `custom.${c.key}`,
        headers: [c.header],
        schema: clearable(z.string().trim().max(500)),
      }),
    );
  return [
    {
      key: 'number',
      headers: [...allLabels('number'), '订单编号', '单号', 'Order No', 'Order', 'Number', '注文No'],
      schema: z.string().trim().min(1).max(40),
      required: true,
    },
    {
      key: 'requestedDate',
      headers: [...allLabels('requestedDate'), '交货日期', '送达日期', 'Delivery date', '納期'],
      schema: clearable(dateSchema(locale)),
    },
    {
      key: 'address',
      headers: [...allLabels('address'), '地址', '收货地址', 'Address', '住所', '配送先'],
      schema: clearable(z.string().trim().min(1).max(300)),
    },
    {
      key: 'notes',
      headers: [...allLabels('notes'), 'Note', 'メモ'],
      schema: clearable(z.string().trim().max(2000)),
    },
    {
      key: 'tags',
      headers: allLabels('tags'),
      schema: clearable(tagsSchema(locale)),
    },
    {
      key: 'assignee',
      headers: [...allLabels('assigneeUsername'), ...allLabels('assignee'), 'Assigned to', '处理人'],
      schema: clearable(z.string().trim().min(1).max(80)),
    },
    ...custom,
  ];
}

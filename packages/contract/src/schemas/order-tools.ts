import { z } from 'zod';
import type { Text } from '../messages.ts';
import { catalogImportQuery } from './catalog.ts';
import { idSchema, text, timestampSchema } from './common.ts';
import { orderListQuery, orderSortSchema } from './orders.ts';

// ——— Columns of an order export (also the column picker of saved views) ———

export const orderExportColumns = [
  'number',
  'store',
  'createdAt',
  'submittedAt',
  'state',
  'channel',
  'fulfilment',
  'customer',
  'contactName',
  'contactPhone',
  'salesRep',
  'assignee',
  'assigneeUsername',
  'paymentStatus',
  'currency',
  'subtotal',
  'discount',
  'feesTotal',
  'tax',
  'total',
  'lineCount',
  'tags',
  'notes',
  'requestedDate',
  'address',
  'tableNumber',
] as const;

/** Columns that exist once per order line: only in a `lines` export. */
export const orderLineExportColumns = [
  'lineNo',
  'skuCode',
  'product',
  'variant',
  'modifiers',
  'quantity',
  'unitPrice',
  'lineDiscount',
  'lineTax',
  'lineTotal',
] as const;

export type OrderExportColumn = (typeof orderExportColumns)[number];
export type OrderLineExportColumn = (typeof orderLineExportColumns)[number];

/** `custom.<key>`: the order's custom field of that key. */
export const CUSTOM_COLUMN = /^custom\.[^\s,]{1,40}$/;

export const exportColumnSchema = z.union([
  z.enum([...orderExportColumns, ...orderLineExportColumns]),
  z.string().regex(CUSTOM_COLUMN, 'format.exportColumn'),
]);
export type ExportColumn = z.infer<typeof exportColumnSchema>;

/** The header of each column, by language (the export's headers and the console's column picker). */
export const exportColumnLabels: Record<OrderExportColumn | OrderLineExportColumn, Text> = {
  number: { 'zh-CN': '订单号', en: 'Order number', ja: '注文番号' },
  store: { 'zh-CN': '门店', en: 'Store', ja: '店舗' },
  createdAt: { 'zh-CN': '下单时间', en: 'Created at', ja: '作成日時' },
  submittedAt: { 'zh-CN': '提交时间', en: 'Submitted at', ja: '送信日時' },
  state: { 'zh-CN': '状态', en: 'State', ja: 'ステータス' },
  channel: { 'zh-CN': '渠道', en: 'Channel', ja: 'チャネル' },
  fulfilment: { 'zh-CN': '履约方式', en: 'Fulfilment', ja: '受け渡し方法' },
  customer: { 'zh-CN': '客户', en: 'Customer', ja: '顧客' },
  contactName: { 'zh-CN': '联系人', en: 'Contact name', ja: '連絡先氏名' },
  contactPhone: { 'zh-CN': '联系电话', en: 'Contact phone', ja: '連絡先電話番号' },
  salesRep: { 'zh-CN': '销售代表', en: 'Sales rep', ja: '営業担当' },
  assignee: { 'zh-CN': '负责人', en: 'Assignee', ja: '担当者' },
  assigneeUsername: { 'zh-CN': '负责人账号', en: 'Assignee username', ja: '担当者ユーザー名' },
  paymentStatus: { 'zh-CN': '付款状态', en: 'Payment status', ja: '支払状況' },
  currency: { 'zh-CN': '币种', en: 'Currency', ja: '通貨' },
  subtotal: { 'zh-CN': '小计', en: 'Subtotal', ja: '小計' },
  discount: { 'zh-CN': '优惠', en: 'Discount', ja: '割引' },
  feesTotal: { 'zh-CN': '费用', en: 'Fees', ja: '手数料' },
  tax: { 'zh-CN': '税额', en: 'Tax', ja: '税額' },
  total: { 'zh-CN': '订单金额', en: 'Total', ja: '合計金額' },
  lineCount: { 'zh-CN': '商品行数', en: 'Lines', ja: '明細数' },
  tags: { 'zh-CN': '标签', en: 'Tags', ja: 'タグ' },
  notes: { 'zh-CN': '备注', en: 'Notes', ja: '備考' },
  requestedDate: { 'zh-CN': '要求交货日期', en: 'Requested date', ja: '希望納期' },
  address: { 'zh-CN': '配送地址', en: 'Delivery address', ja: '配送先住所' },
  tableNumber: { 'zh-CN': '桌号', en: 'Table', ja: 'テーブル番号' },
  lineNo: { 'zh-CN': '行号', en: 'Line no.', ja: '行番号' },
  skuCode: { 'zh-CN': 'SKU编码', en: 'SKU code', ja: 'SKUコード' },
  product: { 'zh-CN': '商品名称', en: 'Product', ja: '商品名' },
  variant: { 'zh-CN': '规格', en: 'Variant', ja: 'バリエーション' },
  modifiers: { 'zh-CN': '做法/加料', en: 'Modifiers', ja: 'オプション' },
  quantity: { 'zh-CN': '数量', en: 'Quantity', ja: '数量' },
  unitPrice: { 'zh-CN': '单价', en: 'Unit price', ja: '単価' },
  lineDiscount: { 'zh-CN': '行优惠', en: 'Line discount', ja: '明細割引' },
  lineTax: { 'zh-CN': '行税额', en: 'Line tax', ja: '明細税額' },
  lineTotal: { 'zh-CN': '行金额', en: 'Line total', ja: '明細金額' },
};

/** `自定义:colour` / `Custom:colour` / `カスタム:colour` — a custom field's column header. */
export const customFieldPrefix: Text = { 'zh-CN': '自定义', en: 'Custom', ja: 'カスタム' };

/** Values shown in the user's language (states come from the workflow and are shown as they are). */
export const exportValueLabels: Record<string, Text> = {
  console: { 'zh-CN': '后台', en: 'Console', ja: '管理画面' },
  miniapp: { 'zh-CN': '小程序', en: 'Mini-program', ja: 'ミニプログラム' },
  erp_import: { 'zh-CN': 'ERP导入', en: 'ERP import', ja: 'ERP取込' },
  dine_in: { 'zh-CN': '堂食', en: 'Dine-in', ja: '店内飲食' },
  pickup: { 'zh-CN': '自提', en: 'Pickup', ja: '持ち帰り' },
  delivery: { 'zh-CN': '外送', en: 'Delivery', ja: '配達' },
  shipment: { 'zh-CN': '发货', en: 'Shipment', ja: '出荷' },
  unpaid: { 'zh-CN': '未付款', en: 'Unpaid', ja: '未払い' },
  partially_paid: { 'zh-CN': '部分付款', en: 'Partially paid', ja: '一部支払済' },
  paid: { 'zh-CN': '已付款', en: 'Paid', ja: '支払済' },
  refunded: { 'zh-CN': '已退款', en: 'Refunded', ja: '返金済' },
};

const commaList = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(item).min(1).max(max),
  );

const exportShape = {
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  granularity: z
    .enum(['orders', 'lines'])
    .default('orders')
    .describe('orders: one row per order; lines: one row per order line, the order columns repeated'),
};

/** Line columns make sense only when each row is a line. */
function checkGranularity(
  v: { granularity: 'orders' | 'lines'; columns: string[] },
  ctx: z.RefinementCtx,
  path: (string | number)[],
) {
  if (v.granularity === 'lines') return;
  for (const [i, c] of v.columns.entries())
    if ((orderLineExportColumns as readonly string[]).includes(c))
      ctx.addIssue({ code: 'custom', path: [...path, i], message: 'format.lineColumn' });
}

/** GET /api/orders/export: the list's filters and sort, plus what to write. */
export const orderExportQuery = orderListQuery
  .extend({
    ...exportShape,
    columns: commaList(exportColumnSchema, 80).describe('Comma-separated column keys, in order'),
  })
  .superRefine((v, ctx) => checkGranularity(v, ctx, ['columns']));

/** A filter as the order list takes it (same keys as GET /api/orders), checked the same way. */
export const orderFilterSchema = orderListQuery.omit({ sort: true }).strict();

export const createOrderExportSchema = z
  .object({
    filter: orderFilterSchema.default({}),
    sort: orderSortSchema.default('-createdAt'),
    ...exportShape,
    columns: z.array(exportColumnSchema).min(1).max(80),
  })
  .superRefine((v, ctx) => checkGranularity(v, ctx, ['columns']));

export const exportJobStatuses = ['queued', 'running', 'done', 'failed', 'expired'] as const;

export const orderExportJobSchema = z
  .object({
    id: idSchema,
    status: z.enum(exportJobStatuses),
    format: z.enum(['csv', 'xlsx']),
    granularity: z.enum(['orders', 'lines']),
    filter: z.record(z.string(), z.unknown()),
    sort: orderSortSchema,
    columns: z.array(z.string()),
    rowCount: z.number().int().nullable().describe('Rows written (without the header), once done'),
    filename: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: timestampSchema,
    finishedAt: timestampSchema.nullable(),
    expiresAt: timestampSchema.nullable().describe('The file is deleted after this'),
  })
  .meta({ id: 'OrderExportJob' });
export type OrderExportJob = z.infer<typeof orderExportJobSchema>;

/** Past this many rows (by default; EXPORT_DIRECT_MAX) the direct download answers 422 EXPORT_TOO_LARGE. */
export const orderExportLimits = { directMaxRows: 50_000 } as const;

// ——— Saved views ———

export const savedViewInputSchema = z.object({
  name: text(60),
  filter: orderFilterSchema.default({}),
  columns: z.array(exportColumnSchema).max(80).default([]),
  sort: orderSortSchema.default('-createdAt'),
  sharedRoleId: idSchema.nullable().default(null).describe('Users granted this role see the view, read-only'),
});

export const savedViewSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    filter: z.record(z.string(), z.unknown()),
    columns: z.array(z.string()),
    sort: orderSortSchema,
    sharedRoleId: idSchema.nullable(),
    ownerId: idSchema,
    ownerName: z.string(),
    editable: z.boolean().describe('Only the owner edits or deletes a view'),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof savedViewSchema>;

// ——— Bulk update from a spreadsheet ———

export const orderBulkUpdateLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 10_000 } as const;

/** `dryRun=true`: check everything and report what would change, write nothing (as the catalog import). */
export const orderBulkUpdateQuery = catalogImportQuery;

const bulkCellSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});

export const orderBulkUpdateResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().describe('Data rows read'),
  updated: z.number().int().describe('Orders changed (or that would change, in a dry run)'),
  unchanged: z.number().int(),
  changes: z
    .array(z.object({ row: z.number().int(), number: z.string(), fields: z.array(z.string()) }))
    .describe('Per changed order: the fields that change (first 1000)'),
  warnings: z.array(bulkCellSchema).describe('Columns that were ignored'),
});
export type OrderBulkUpdateResult = z.infer<typeof orderBulkUpdateResultSchema>;

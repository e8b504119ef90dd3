import { z } from 'zod';
import { type MessageKey, messages, type Text } from './messages.ts';
import type { BuiltInRole, DataScope, Permission } from './permissions.ts';

export const locales = ['zh-CN', 'en', 'ja'] as const;
export type Locale = (typeof locales)[number];
export const localeSchema = z.enum(locales);
export const defaultLocale: Locale = 'zh-CN';

/** Picks the best supported locale from an Accept-Language header (RFC 9110 q-values). */
export function pickLocale(header: string | undefined | null, fallback: Locale = defaultLocale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('ja')) return 'ja';
  }
  return fallback;
}

/** Replaces {name} placeholders. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const named = vars && {
    ...vars,
    ...(typeof vars.field === 'string' && fieldLabels[vars.field]
      ? { field: fieldLabels[vars.field]![locale] }
      : {}),
    ...(typeof vars.entity === 'string' && entityLabels[vars.entity]
      ? { entity: entityLabels[vars.entity]![locale] }
      : {}),
  };
  return format(messages[key][locale], named);
}

/** Names of fields that messages mention ({field}), so "username" reads as 用户名 in Chinese. */
export const fieldLabels: Record<string, Text> = {
  username: { 'zh-CN': '用户名', en: 'username', ja: 'ユーザー名' },
  phone: { 'zh-CN': '手机号', en: 'phone', ja: '電話番号' },
  code: { 'zh-CN': '编码', en: 'code', ja: 'コード' },
  key: { 'zh-CN': '标识', en: 'key', ja: 'キー' },
  sku: { 'zh-CN': 'SKU 编码', en: 'SKU code', ja: 'SKU コード' },
};

export const entityLabels: Record<string, Text> = {
  user: { 'zh-CN': '用户', en: 'user', ja: 'ユーザー' },
  role: { 'zh-CN': '角色', en: 'role', ja: 'ロール' },
  store: { 'zh-CN': '门店', en: 'store', ja: '店舗' },
  customer: { 'zh-CN': '客户', en: 'customer', ja: '顧客' },
  business: { 'zh-CN': '企业', en: 'business', ja: '事業者' },
  product: { 'zh-CN': '商品', en: 'product', ja: '商品' },
  order: { 'zh-CN': '订单', en: 'order', ja: '注文' },
  category: { 'zh-CN': '分类', en: 'category', ja: 'カテゴリ' },
  SKU: { 'zh-CN': 'SKU', en: 'SKU', ja: 'SKU' },
  'price list': { 'zh-CN': '价格表', en: 'price list', ja: '価格表' },
  attachment: { 'zh-CN': '附件', en: 'attachment', ja: '添付ファイル' },
  complaint: { 'zh-CN': '投诉', en: 'complaint', ja: '苦情' },
  export: { 'zh-CN': '导出任务', en: 'export', ja: 'エクスポート' },
  'saved view': { 'zh-CN': '视图', en: 'saved view', ja: '保存済みビュー' },
  notification: { 'zh-CN': '通知', en: 'notification', ja: '通知' },
  webhook: { 'zh-CN': 'Webhook 地址', en: 'webhook endpoint', ja: 'Webhook エンドポイント' },
  delivery: { 'zh-CN': '投递记录', en: 'delivery', ja: '配信記録' },
  payment: { 'zh-CN': '收款记录', en: 'payment', ja: '入金記録' },
  workflow: { 'zh-CN': '流程', en: 'workflow', ja: 'ワークフロー' },
  approval: { 'zh-CN': '审批', en: 'approval', ja: '承認' },
  delegation: { 'zh-CN': '审批委托', en: 'delegation', ja: '承認の委任' },
  incident: { 'zh-CN': '异常记录', en: 'incident', ja: 'インシデント' },
  integration: { 'zh-CN': '集成', en: 'integration', ja: '連携' },
};

export const roleLabels: Record<BuiltInRole, Text> = {
  admin: { 'zh-CN': '管理员', en: 'Administrator', ja: '管理者' },
  leadership: { 'zh-CN': '管理层', en: 'Leadership', ja: '経営層' },
  coordinator: { 'zh-CN': '运营协调', en: 'Coordinator', ja: 'コーディネーター' },
  approver: { 'zh-CN': '审批人', en: 'Approver', ja: '承認者' },
  production: { 'zh-CN': '生产/后厨', en: 'Production / kitchen', ja: '製造・厨房' },
  cashier: { 'zh-CN': '收银', en: 'Cashier', ja: 'レジ' },
  customer_service: { 'zh-CN': '客服', en: 'Customer service', ja: 'カスタマーサービス' },
  sales_rep: { 'zh-CN': '销售代表', en: 'Sales rep', ja: '営業担当' },
};

export const scopeLabels: Record<DataScope, Text> = {
  own: { 'zh-CN': '本人', en: 'Own records', ja: '本人のみ' },
  store: { 'zh-CN': '本门店', en: 'Own store', ja: '担当店舗' },
  all: { 'zh-CN': '全部', en: 'All', ja: 'すべて' },
};

const area: Record<string, Text> = {
  orders: { 'zh-CN': '订单', en: 'Orders', ja: '注文' },
  catalog: { 'zh-CN': '商品', en: 'Catalog', ja: '商品' },
  stock: { 'zh-CN': '库存', en: 'Stock', ja: '在庫' },
  customers: { 'zh-CN': '客户', en: 'Customers', ja: '顧客' },
  payments: { 'zh-CN': '收款', en: 'Payments', ja: '支払い' },
  refunds: { 'zh-CN': '退款', en: 'Refunds', ja: '返金' },
  complaints: { 'zh-CN': '投诉', en: 'Complaints', ja: '苦情' },
  board: { 'zh-CN': '看板', en: 'Board', ja: 'ボード' },
  reports: { 'zh-CN': '报表', en: 'Reports', ja: 'レポート' },
  exports: { 'zh-CN': '导出', en: 'Exports', ja: 'エクスポート' },
  imports: { 'zh-CN': '导入', en: 'Imports', ja: 'インポート' },
  stores: { 'zh-CN': '门店', en: 'Stores', ja: '店舗' },
  users: { 'zh-CN': '用户', en: 'Users', ja: 'ユーザー' },
  roles: { 'zh-CN': '角色', en: 'Roles', ja: 'ロール' },
  workflows: { 'zh-CN': '流程', en: 'Workflows', ja: 'ワークフロー' },
  channels: { 'zh-CN': '渠道', en: 'Channels', ja: 'チャネル' },
  outbox: { 'zh-CN': '消息投递', en: 'Outbox', ja: '送信キュー' },
  audit: { 'zh-CN': '审计日志', en: 'Audit log', ja: '監査ログ' },
};
const verb: Record<string, Text> = {
  read: { 'zh-CN': '查看', en: 'view', ja: '閲覧' },
  create: { 'zh-CN': '新建', en: 'create', ja: '作成' },
  edit: { 'zh-CN': '编辑', en: 'edit', ja: '編集' },
  transition: { 'zh-CN': '流转', en: 'move through workflow', ja: '状態変更' },
  approve: { 'zh-CN': '审批', en: 'approve', ja: '承認' },
  override_price: { 'zh-CN': '改价', en: 'override price', ja: '価格変更' },
  batch: { 'zh-CN': '批量操作', en: 'batch edit', ja: '一括操作' },
  attach: { 'zh-CN': '上传附件', en: 'attach files', ja: 'ファイル添付' },
  write: { 'zh-CN': '维护', en: 'edit', ja: '編集' },
  adjust: { 'zh-CN': '调整', en: 'adjust', ja: '調整' },
  record: { 'zh-CN': '登记', en: 'record', ja: '記録' },
  handle: { 'zh-CN': '处理', en: 'handle', ja: '対応' },
  view: { 'zh-CN': '查看', en: 'view', ja: '閲覧' },
  run: { 'zh-CN': '执行', en: 'run', ja: '実行' },
  manage: { 'zh-CN': '管理', en: 'manage', ja: '管理' },
};

/** "订单 · 审批" / "Orders · approve" — composed so a new permission only needs its two words. */
export function permissionLabel(permission: Permission, locale: Locale): string {
  const [a = '', v = ''] = permission.split('.');
  return `${area[a]?.[locale] ?? a} · ${verb[v]?.[locale] ?? v}`;
}

export function roleLabel(key: string, locale: Locale, fallback: string): string {
  return (roleLabels as Record<string, Text>)[key]?.[locale] ?? fallback;
}

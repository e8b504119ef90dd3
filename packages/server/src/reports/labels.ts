import type { Locale, ReportExport } from '@orderloop/contract';

type L = Record<Locale, string>;
const l = (zh: string, en: string, ja: string): L => ({ 'zh-CN': zh, en, ja });

export const channelLabels: Record<string, L> = {
  console: l('后台录入', 'Console', 'コンソール'),
  miniapp: l('小程序', 'Mini-program', 'ミニプログラム'),
  erp_import: l('ERP 导入', 'ERP import', 'ERP 取込'),
};
export const noneLabel = {
  rep: l('无销售', 'No sales rep', '担当なし'),
  category: l('未分类', 'Uncategorised', '未分類'),
  other: l('未知', 'Unknown', '不明'),
};

/** Export headers, in the request language (the file name too). */
export const headers = {
  period: l('日期', 'Period', '期間'),
  orders: l('订单数', 'Orders', '注文数'),
  revenue: l('销售额', 'Revenue', '売上'),
  cancelled: l('已取消', 'Cancelled', 'キャンセル'),
  state: l('状态', 'State', 'ステータス'),
  key: l('代码', 'Key', 'キー'),
  quantity: l('数量', 'Quantity', '数量'),
  share: l('销售额占比', 'Revenue share', '売上構成比'),
  stays: l('次数', 'Stays', '回数'),
  avgHours: l('平均停留（小时）', 'Average time (hours)', '平均滞在（時間）'),
  currency: l('币种', 'Currency', '通貨'),
};
export const dimensionHeaders: Record<'store' | 'channel' | 'rep' | 'product' | 'category', L> = {
  store: l('门店', 'Store', '店舗'),
  channel: l('渠道', 'Channel', 'チャネル'),
  rep: l('销售', 'Sales rep', '営業担当'),
  product: l('商品', 'Product', '商品'),
  category: l('分类', 'Category', 'カテゴリ'),
};
export const reportFileLabels: Record<ReportExport, L> = {
  series: l('订单趋势', 'orders-by-period', '注文推移'),
  states: l('订单状态', 'orders-by-state', '注文ステータス'),
  flow: l('状态停留时间', 'time-in-state', 'ステータス滞在時間'),
  store: l('按门店', 'by-store', '店舗別'),
  channel: l('按渠道', 'by-channel', 'チャネル別'),
  rep: l('按销售', 'by-sales-rep', '営業担当別'),
  product: l('按商品', 'by-product', '商品別'),
  category: l('按分类', 'by-category', 'カテゴリ別'),
};

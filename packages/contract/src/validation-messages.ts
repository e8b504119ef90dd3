import type { Text } from './messages.ts';
import { mobileValidationMessages } from './mobile-messages.ts';

/** Messages of the contract's own validation rules; schemas name a key, the server translates it. */
export const validationMessages: Record<string, Text> = {
  'format.nul': {
    'zh-CN': '不能包含空字符（U+0000）',
    en: 'Must not contain a NUL character (U+0000)',
    ja: 'NUL 文字（U+0000）は使用できません',
  },
  'batch.selection': {
    'zh-CN': '请指定订单 ID 列表或筛选条件（二选一）',
    en: 'Give either a list of order ids or a filter, not both',
    ja: '注文 ID の一覧か絞り込み条件のどちらか一方を指定してください',
  },
  'notify.placeholder': {
    'zh-CN': '只能使用这些占位符：{number} {customer} {state} {amount} {store} {link}',
    en: 'Only these placeholders can be used: {number} {customer} {state} {amount} {store} {link}',
    ja: '使用できるプレースホルダーは {number} {customer} {state} {amount} {store} {link} のみです',
  },
  'format.key': {
    'zh-CN': '请使用小写字母开头的键（小写字母、数字、下划线）',
    en: 'Use a key of lower-case letters, digits and underscores, starting with a letter',
    ja: '小文字で始まるキー（小文字・数字・アンダースコア）を使用してください',
  },
  'format.time': {
    'zh-CN': '请使用 HH:MM 格式的时间',
    en: 'Use a time as HH:MM',
    ja: 'HH:MM 形式で入力してください',
  },
  'format.timezone': {
    'zh-CN': '未知的时区（请使用 IANA 名称，如 Asia/Shanghai）',
    en: 'Unknown time zone (use an IANA name such as Asia/Shanghai)',
    ja: '不明なタイムゾーンです（Asia/Tokyo のような IANA 名を使用）',
  },
  'format.storeCode': {
    'zh-CN': '1–6 位大写字母或数字，以字母开头',
    en: '1–6 capital letters or digits, starting with a letter',
    ja: '英大文字で始まる 1〜6 文字の英大文字または数字',
  },
  'format.currency': {
    'zh-CN': '请使用 ISO 4217 货币代码，如 CNY',
    en: 'Use an ISO 4217 code such as CNY',
    ja: 'CNY のような ISO 4217 コードを使用してください',
  },
  'format.phone': {
    'zh-CN': '请输入手机号码（数字，可以 + 开头）',
    en: 'Enter a phone number of digits, optionally starting with +',
    ja: '電話番号を数字で入力してください（先頭に + 可）',
  },
  'format.username': {
    'zh-CN': '3–40 位字母、数字、点、横线或下划线',
    en: '3–40 letters, digits, dot, dash or underscore',
    ja: '3〜40 文字の英数字、ドット、ハイフン、アンダースコア',
  },
  'format.roleKey': {
    'zh-CN': '小写字母开头，只含小写字母、数字和下划线',
    en: 'Lower-case letters, digits and underscore, starting with a letter',
    ja: '英小文字で始まり、英小文字・数字・アンダースコアのみ',
  },
  'format.code': {
    'zh-CN': '只能包含字母、数字、下划线和横线',
    en: 'Letters, digits, underscore and dash only',
    ja: '英数字、アンダースコア、ハイフンのみ',
  },
  'format.skuCode': {
    'zh-CN': 'SKU 编码为 1–40 位字母、数字、点、横线或下划线',
    en: 'SKU codes are 1–40 letters, digits, dot, dash or underscore',
    ja: 'SKU コードは 1〜40 文字の英数字、ドット、ハイフン、アンダースコア',
  },
  'format.discount': {
    'zh-CN': '金额折扣须为整数分，百分比折扣须在 0–100 之间',
    en: 'An amount discount is whole minor units; a percent discount is 0–100',
    ja: '金額割引は最小通貨単位の整数、割合割引は 0〜100 です',
  },
  'format.exportColumn': {
    'zh-CN': '未知的列',
    en: 'Unknown column',
    ja: '不明な列です',
  },
  'format.lineColumn': {
    'zh-CN': '商品行的列只能用于按商品行导出',
    en: 'Line columns need one row per order line (granularity=lines)',
    ja: '明細の列は明細ごとの出力（granularity=lines）でのみ使えます',
  },
  'format.eventId': {
    'zh-CN': '事件编号须为数字',
    en: 'An event id is a number',
    ja: 'イベント ID は数字です',
  },
  'format.dateRange': {
    'zh-CN': '结束日期不能早于开始日期，且跨度不超过 1100 天',
    en: 'The end date is on or after the start date, at most 1100 days later',
    ja: '終了日は開始日以降、期間は 1100 日以内です',
  },
  'grant.storeRequired': {
    'zh-CN': '门店范围的授权必须指定门店',
    en: 'A store-scoped grant needs a store',
    ja: '店舗範囲の付与には店舗の指定が必要です',
  },
  ...mobileValidationMessages,
};

import type { Locale } from './i18n.ts';

type Text = Record<Locale, string>;

/** Detail messages of the complaints module; spread into `messages`. */
export const complaintMessages = {
  'complaint.notAllowed': {
    'zh-CN': '投诉处于“{state}”，不能执行“{action}”。可执行的操作：{allowed}。',
    en: 'The complaint is “{state}”, so “{action}” is not possible. Allowed now: {allowed}.',
    ja: '苦情は「{state}」のため「{action}」はできません。実行可能：{allowed}。',
  },
  'complaint.forbidden': {
    'zh-CN': '您无权对此投诉执行“{action}”。',
    en: 'You may not take “{action}” on this complaint.',
    ja: 'この苦情に「{action}」を実行する権限がありません。',
  },
  'complaint.versionConflict': {
    'zh-CN': '投诉已被他人更新，当前为“{state}”（版本 {version}），请刷新后重试。',
    en: 'Someone else changed the complaint meanwhile; it is now “{state}” (version {version}). Refresh and try again.',
    ja: '他の人が苦情を更新しました。現在「{state}」（バージョン {version}）です。更新して再試行してください。',
  },
  'complaint.commentRequired': {
    'zh-CN': '解决投诉时请说明处理结果。',
    en: 'Say what was done to resolve the complaint.',
    ja: '解決するには対応内容を記入してください。',
  },
  'complaint.assigneeNotEligible': {
    'zh-CN': '该用户不能处理此门店的投诉。',
    en: 'This user may not handle complaints of this store.',
    ja: 'このユーザーはこの店舗の苦情を担当できません。',
  },
  'complaint.refundTooLarge': {
    'zh-CN': '退款金额不能超过订单可退金额 {refundable}。',
    en: 'The refund may be at most what is left on the order: {refundable}.',
    ja: '返金額は注文の返金可能額 {refundable} 以下にしてください。',
  },
  'complaint.refundClosed': {
    'zh-CN': '投诉已“{state}”，不能再决定退款。',
    en: 'The complaint is “{state}”; no refund can be decided on it now.',
    ja: '苦情は「{state}」のため返金を決定できません。',
  },
} satisfies Record<string, Text>;

export const complaintStateLabels: Record<string, Text> = {
  open: { 'zh-CN': '待处理', en: 'Open', ja: '未対応' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress', ja: '対応中' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved', ja: '解決済み' },
  closed: { 'zh-CN': '已关闭', en: 'Closed', ja: 'クローズ' },
};

export const complaintActionLabels: Record<string, Text> = {
  start: { 'zh-CN': '开始处理', en: 'Start', ja: '対応開始' },
  resolve: { 'zh-CN': '解决', en: 'Resolve', ja: '解決' },
  close: { 'zh-CN': '关闭', en: 'Close', ja: 'クローズ' },
  reopen: { 'zh-CN': '重新打开', en: 'Reopen', ja: '再オープン' },
};

export const complaintKindLabels: Record<string, Text> = {
  complaint: { 'zh-CN': '投诉', en: 'Complaint', ja: '苦情' },
  return: { 'zh-CN': '退货', en: 'Return', ja: '返品' },
  refund: { 'zh-CN': '退款', en: 'Refund', ja: '返金' },
};

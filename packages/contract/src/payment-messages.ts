import type { Locale } from './i18n.ts';

type Text = Record<Locale, string>;

/** Detail messages of the payments module; spread into `messages`. */
export const paymentMessages = {
  'payment.overpaid': {
    'zh-CN': '收款金额不能超过订单未付金额 {outstanding}。',
    en: 'The payment may be at most what is outstanding on the order: {outstanding}.',
    ja: '入金額は注文の未払額 {outstanding} 以下にしてください。',
  },
  'payment.refundTooLarge': {
    'zh-CN': '退款金额不能超过已收金额 {refundable}。',
    en: 'The refund may be at most what has been paid: {refundable}.',
    ja: '返金額は入金済み額 {refundable} 以下にしてください。',
  },
  'payment.orderCancelled': {
    'zh-CN': '订单处于“{state}”，只能登记退款，不能再收款。',
    en: 'The order is “{state}”: only refunds can be recorded on it, no payments.',
    ja: '注文は「{state}」のため、返金のみ登録できます。入金は登録できません。',
  },
  'payment.alreadyVoided': {
    'zh-CN': '该笔记录已作废。',
    en: 'This entry has already been voided.',
    ja: 'この記録はすでに取り消されています。',
  },
  'payment.voidUnbalanced': {
    'zh-CN': '作废后已收金额将为 {net}，超出 0 至订单总额 {total} 的范围，请先作废或登记相应的记录。',
    en: 'Voiding this would leave {net} paid, outside 0 to the order total {total}; void or record the matching entry first.',
    ja: '取り消すと入金済み額が {net} となり、0〜注文合計 {total} の範囲外になります。先に対応する記録を取り消すか登録してください。',
  },
  'payment.refundDecision': {
    'zh-CN': '只能按本订单待退款的退款决定登记退款，且金额须与决定一致（{amount}）。',
    en: 'A refund can pay out only a refund decision of this order that is still to be refunded, for its amount ({amount}).',
    ja: '返金は、この注文の未返金の返金決定に対してのみ、同じ金額（{amount}）で登録できます。',
  },
} satisfies Record<string, Text>;

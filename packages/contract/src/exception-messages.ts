import type { Text } from './messages.ts';

/** Messages of the exceptions view, incidents, approval delegation and reminders. */
export const exceptionMessages = {
  'incident.closed': {
    'zh-CN': '该异常已处理完毕（{status}）。',
    en: 'This incident is already resolved ({status}).',
    ja: 'このインシデントは解決済みです（{status}）。',
  },
  'delegation.self': {
    'zh-CN': '不能委托给自己。',
    en: 'You cannot delegate to yourself.',
    ja: '自分自身には委任できません。',
  },
  'delegation.delegateNotApprover': {
    'zh-CN': '被委托人须是本企业在职且有审批权限的员工。',
    en: 'The delegate must be an active colleague in this business who may approve orders.',
    ja: '委任先は承認権限を持つ同じ事業者の有効な社員である必要があります。',
  },
  'delegation.chain': {
    'zh-CN': '被委托人本身正在委托他人，不能形成委托链。',
    en: 'The delegate has delegated their own approvals; delegations do not chain.',
    ja: '委任先自身が委任中のため、委任を連鎖させることはできません。',
  },
  'delegation.pastEnd': {
    'zh-CN': '结束时间须晚于现在。',
    en: 'The end must be in the future.',
    ja: '終了日時は現在より後にしてください。',
  },
  'exception.overdue': {
    'zh-CN': '在「{state}」已超时 {late} 分钟',
    en: '{late} min past the SLA in “{state}”',
    ja: '「{state}」で期限を {late} 分超過',
  },
  'exception.escalated': {
    'zh-CN': '在「{state}」已超时 {late} 分钟，已升级给管理者',
    en: '{late} min past the SLA in “{state}”, escalated to managers',
    ja: '「{state}」で期限を {late} 分超過、管理者にエスカレーション済み',
  },
  'exception.rejected': {
    'zh-CN': '被「{action}」：{reason}',
    en: '{action}: {reason}',
    ja: '「{action}」：{reason}',
  },
  'exception.outOfStock': {
    'zh-CN': '提交时库存不足：{skus}',
    en: 'Refused at submission, out of stock: {skus}',
    ja: '送信時に在庫不足で拒否：{skus}',
  },
  'exception.paymentMismatch': {
    'zh-CN': '收款 {paid} 与订单金额 {total} 不符',
    en: 'Payment {paid} does not match the order total {total}',
    ja: '入金 {paid} が注文金額 {total} と一致しません',
  },
  'exception.deliveryDead': {
    'zh-CN': '{channel} 投递失败 {attempts} 次：{error}',
    en: '{channel} delivery failed {attempts} times: {error}',
    ja: '{channel} 配信が {attempts} 回失敗：{error}',
  },
} satisfies Record<string, Text>;

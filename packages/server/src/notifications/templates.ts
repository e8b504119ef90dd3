import { format, type Locale } from '@orderloop/contract';

type Template = { title: string; body: string };
type Templates = Record<Locale, Template>;

/**
 * The words of each notice, per template key (the `event` of a notify effect) and language.
 * Variables: {number} order number, {customer}, {state} the state's display name, {amount} the
 * total formatted in the order's currency, {store}, {link}. Unknown keys fall back to `default`.
 */
export const templates: Record<string, Templates> = {
  new_order: {
    'zh-CN': { title: '新订单 {number}', body: '{store} 收到 {customer} 的新订单 {number}，金额 {amount}。' },
    en: { title: 'New order {number}', body: '{store} received order {number} from {customer}, {amount}.' },
    ja: {
      title: '新規注文 {number}',
      body: '{store} に {customer} から注文 {number}（{amount}）が届きました。',
    },
  },
  order_accepted: {
    'zh-CN': { title: '订单 {number} 已接单', body: '您的订单 {number} 已被接单，正在准备。' },
    en: { title: 'Order {number} accepted', body: 'Your order {number} has been accepted.' },
    ja: { title: '注文 {number} を受け付けました', body: 'ご注文 {number} を受け付けました。' },
  },
  order_ready: {
    'zh-CN': { title: '订单 {number} 可以取餐了', body: '您的订单 {number} 已准备好，请到 {store} 领取。' },
    en: { title: 'Order {number} is ready', body: 'Your order {number} is ready at {store}.' },
    ja: {
      title: '注文 {number} の準備ができました',
      body: 'ご注文 {number} の準備ができました（{store}）。',
    },
  },
  order_rejected: {
    'zh-CN': { title: '订单 {number} 被拒', body: '很抱歉，您的订单 {number} 未被接受。' },
    en: { title: 'Order {number} declined', body: 'Sorry, your order {number} could not be accepted.' },
    ja: {
      title: '注文 {number} をお受けできません',
      body: '申し訳ありません。ご注文 {number} をお受けできませんでした。',
    },
  },
  order_cancelled: {
    'zh-CN': { title: '订单 {number} 已取消', body: '订单 {number}（{amount}）已取消。' },
    en: { title: 'Order {number} cancelled', body: 'Order {number} ({amount}) has been cancelled.' },
    ja: {
      title: '注文 {number} はキャンセルされました',
      body: '注文 {number}（{amount}）はキャンセルされました。',
    },
  },
  order_approved: {
    'zh-CN': {
      title: '订单 {number} 已审批通过',
      body: '{customer} 的订单 {number}（{amount}）已审批通过。',
    },
    en: { title: 'Order {number} approved', body: "{customer}'s order {number} ({amount}) is approved." },
    ja: {
      title: '注文 {number} が承認されました',
      body: '{customer} の注文 {number}（{amount}）が承認されました。',
    },
  },
  order_shipped: {
    'zh-CN': { title: '订单 {number} 已发货', body: '订单 {number} 已发货。查看：{link}' },
    en: { title: 'Order {number} shipped', body: 'Order {number} is on its way. Details: {link}' },
    ja: { title: '注文 {number} を出荷しました', body: '注文 {number} を出荷しました。詳細：{link}' },
  },
  order_returned: {
    'zh-CN': { title: '订单 {number} 被退回', body: '{customer} 的订单 {number} 被退回修改，请查看意见。' },
    en: {
      title: 'Order {number} returned to you',
      body: "{customer}'s order {number} was sent back with comments.",
    },
    ja: {
      title: '注文 {number} が差し戻されました',
      body: '{customer} の注文 {number} がコメント付きで差し戻されました。',
    },
  },
  approval_requested: {
    'zh-CN': { title: '待审批：订单 {number}', body: '{customer} 的订单 {number}（{amount}）需要您审批。' },
    en: {
      title: 'Approval needed: order {number}',
      body: "{customer}'s order {number} ({amount}) needs your approval.",
    },
    ja: {
      title: '承認待ち：注文 {number}',
      body: '{customer} の注文 {number}（{amount}）の承認をお願いします。',
    },
  },
  approval_reminder: {
    'zh-CN': {
      title: '提醒：订单 {number} 仍在等待审批',
      body: '{customer} 的订单 {number}（{amount}）仍在等待您审批。',
    },
    en: {
      title: 'Reminder: order {number} still waits for approval',
      body: "{customer}'s order {number} ({amount}) is still waiting for your approval.",
    },
    ja: {
      title: 'リマインド：注文 {number} が承認待ちです',
      body: '{customer} の注文 {number}（{amount}）がまだ承認を待っています。',
    },
  },
  order_overdue: {
    'zh-CN': { title: '订单 {number} 已超时', body: '订单 {number} 在「{state}」停留超过时限。' },
    en: {
      title: 'Order {number} is overdue',
      body: 'Order {number} has been in "{state}" longer than its SLA.',
    },
    ja: {
      title: '注文 {number} が期限超過です',
      body: '注文 {number} が「{state}」のまま期限を過ぎています。',
    },
  },
  order_escalated: {
    'zh-CN': {
      title: '升级：订单 {number} 严重超时',
      body: '订单 {number} 在「{state}」严重超时，请介入处理。',
    },
    en: {
      title: 'Escalated: order {number}',
      body: 'Order {number} is well past its SLA in "{state}" and needs a manager.',
    },
    ja: {
      title: 'エスカレーション：注文 {number}',
      body: '注文 {number} が「{state}」で大幅に期限を超えています。',
    },
  },
  default: {
    'zh-CN': { title: '订单 {number}：{state}', body: '订单 {number} 当前状态：{state}。' },
    en: { title: 'Order {number}: {state}', body: 'Order {number} is now {state}.' },
    ja: { title: '注文 {number}：{state}', body: '注文 {number} の状態：{state}。' },
  },
};

export type TemplateVars = {
  number: string;
  customer: string;
  state: Record<Locale, string>;
  total: number;
  currency: string;
  store: string;
  link: string | null;
};

const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Integer minor units as the reader's language writes money: ¥18.00, ￥18.00, JP¥1,800. */
export function formatAmount(minor: number, currency: string, locale: Locale): string {
  try {
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

// who an order without a customer or contact name was for
const walkIn: Record<Locale, string> = { 'zh-CN': '散客', en: 'a walk-in customer', ja: '店頭のお客様' };

/** Title and body of one notice for one reader. */
export function render(event: string, locale: Locale, v: TemplateVars, own?: Template): Template {
  const t = own ?? (templates[event] ?? templates.default!)[locale];
  const vars = {
    number: v.number,
    customer: v.customer || walkIn[locale],
    state: v.state[locale],
    amount: formatAmount(v.total, v.currency, locale),
    store: v.store,
    link: v.link ?? '',
  };
  return { title: format(t.title, vars), body: format(t.body, vars) };
}

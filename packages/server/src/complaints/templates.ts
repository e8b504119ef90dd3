import { complaintKindLabels, complaintStateLabels, format, type Locale } from '@orderloop/contract';

type Template = { title: string; body: string };

/**
 * Words of complaint notices per event and language. Variables: {number} the order number,
 * {kind} complaint / return / refund, {state}, {store}.
 */
export const complaintTemplates: Record<string, Record<Locale, Template>> = {
  complaint_opened: {
    'zh-CN': {
      title: '新{kind}：订单 {number}',
      body: '{store} 的订单 {number} 收到一条{kind}，请尽快处理。',
    },
    en: { title: 'New {kind}: order {number}', body: 'A {kind} was filed on order {number} at {store}.' },
    ja: { title: '新しい{kind}：注文 {number}', body: '{store} の注文 {number} に{kind}が届きました。' },
  },
  complaint_assigned: {
    'zh-CN': { title: '{kind}已分派给您：订单 {number}', body: '订单 {number} 的{kind}由您负责处理。' },
    en: {
      title: 'Assigned to you: {kind} on order {number}',
      body: 'You now handle the {kind} on order {number}.',
    },
    ja: {
      title: '担当になりました：注文 {number} の{kind}',
      body: '注文 {number} の{kind}を担当してください。',
    },
  },
  complaint_responded: {
    'zh-CN': { title: '您的{kind}有新回复', body: '关于订单 {number} 的{kind}，{store} 给您回复了。' },
    en: { title: 'A reply to your {kind}', body: '{store} replied to your {kind} about order {number}.' },
    ja: {
      title: '{kind}に返信がありました',
      body: '注文 {number} の{kind}に {store} から返信がありました。',
    },
  },
  complaint_resolved: {
    'zh-CN': {
      title: '您的{kind}已解决',
      body: '关于订单 {number} 的{kind}已处理完毕。如不满意可重新打开。',
    },
    en: {
      title: 'Your {kind} is resolved',
      body: 'Your {kind} about order {number} has been resolved. Reopen it if you are not satisfied.',
    },
    ja: {
      title: '{kind}は解決しました',
      body: '注文 {number} の{kind}は解決しました。ご不満があれば再オープンできます。',
    },
  },
  complaint_reopened: {
    'zh-CN': { title: '{kind}被重新打开：订单 {number}', body: '客户重新打开了订单 {number} 的{kind}。' },
    en: {
      title: '{kind} reopened: order {number}',
      body: 'The customer reopened the {kind} on order {number}.',
    },
    ja: {
      title: '{kind}が再オープンされました：注文 {number}',
      body: 'お客様が注文 {number} の{kind}を再オープンしました。',
    },
  },
  complaint_commented: {
    'zh-CN': { title: '客户补充了{kind}：订单 {number}', body: '客户对订单 {number} 的{kind}补充了说明。' },
    en: {
      title: 'Customer added to the {kind}: order {number}',
      body: 'The customer added a comment to the {kind} on order {number}.',
    },
    ja: {
      title: 'お客様が{kind}に追記しました：注文 {number}',
      body: 'お客様が注文 {number} の{kind}にコメントを追加しました。',
    },
  },
  complaint_overdue: {
    'zh-CN': {
      title: '{kind}超时：订单 {number}',
      body: '订单 {number} 的{kind}在「{state}」超过时限，请尽快处理。',
    },
    en: {
      title: '{kind} overdue: order {number}',
      body: 'The {kind} on order {number} has been "{state}" longer than allowed.',
    },
    ja: {
      title: '{kind}が期限超過：注文 {number}',
      body: '注文 {number} の{kind}が「{state}」のまま期限を過ぎています。',
    },
  },
};

export type ComplaintVars = { number: string; kind: string; state: string; store: string };

export function renderComplaint(event: string, locale: Locale, v: ComplaintVars): Template {
  const t = (complaintTemplates[event] ?? complaintTemplates.complaint_opened!)[locale];
  const kindLabel = complaintKindLabels[v.kind]?.[locale] ?? v.kind;
  const vars = {
    number: v.number,
    // English reads "a complaint", not "a Complaint"
    kind: locale === 'en' ? kindLabel.toLowerCase() : kindLabel,
    state: complaintStateLabels[v.state]?.[locale] ?? v.state,
    store: v.store,
  };
  const title = format(t.title, vars);
  return { title: title.charAt(0).toUpperCase() + title.slice(1), body: format(t.body, vars) };
}

import type { Locale } from '../../lib/i18n';
import { prefs } from '../../state/prefs';
import { useStore } from '../../state/store';

// The complaint page's words in the three languages (kept beside the page that uses them).
const texts = {
  title: ['售后与投诉', 'Complaint / after-sales', '苦情・アフター'],
  order: ['订单 {number}', 'Order {number}', '注文 {number}'],
  kind: ['类型', 'Kind', '種類'],
  'kind.complaint': ['投诉', 'Complaint', '苦情'],
  'kind.return': ['退货', 'Return', '返品'],
  'kind.refund': ['退款', 'Refund', '返金'],
  description: ['问题描述', 'What went wrong', '内容'],
  placeholder: [
    '请描述遇到的问题（必填）',
    'Describe the problem (required)',
    '問題を具体的にご記入ください（必須）',
  ],
  photos: ['照片（最多 {max} 张）', 'Photos (up to {max})', '写真（最大 {max} 枚）'],
  addPhoto: ['添加照片', 'Add photo', '写真を追加'],
  submit: ['提交', 'Submit', '送信'],
  submitting: ['提交中…', 'Submitting…', '送信中…'],
  uploading: [
    '正在上传照片 {done}/{total}',
    'Uploading photos {done}/{total}',
    '写真をアップロード中 {done}/{total}',
  ],
  submitted: [
    '已提交，我们会尽快处理',
    'Sent — we will get back to you soon',
    '送信しました。追ってご連絡します',
  ],
  required: ['请填写问题描述', 'Please describe the problem', '内容を入力してください'],
  mine: ['我的售后记录', 'My requests for this order', 'この注文の申請'],
  none: ['暂无', 'None yet', 'まだありません'],
  reply: ['商家回复', 'Reply', '店舗からの返信'],
  'state.open': ['待处理', 'Open', '未対応'],
  'state.in_progress': ['处理中', 'In progress', '対応中'],
  'state.resolved': ['已解决', 'Resolved', '解決済み'],
  'state.closed': ['已关闭', 'Closed', 'クローズ'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type ComplaintText = keyof typeof texts;
const index: Record<Locale, 0 | 1 | 2> = { 'zh-CN': 0, en: 1, ja: 2 };

export function useComplaintT() {
  const { locale } = useStore(prefs);
  return (key: ComplaintText, vars?: Record<string, string | number>) => {
    let s: string = texts[key][index[locale]];
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replace(`{${k}}`, String(v));
    return s;
  };
}

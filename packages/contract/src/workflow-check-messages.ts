import type { Text } from './messages.ts';

/** Messages of the workflow graph checks (publish/validate), by their stable field error code. */
export const workflowCheckMessages: Record<string, Text> = {
  duplicate_state: {
    'zh-CN': '状态“{key}”重复定义',
    en: 'State "{key}" is declared twice',
    ja: '状態「{key}」が重複しています',
  },
  duplicate_action: {
    'zh-CN': '操作“{key}”重复定义',
    en: 'Action "{key}" is declared twice',
    ja: '操作「{key}」が重複しています',
  },
  unknown_state: {
    'zh-CN': '未知的状态“{key}”',
    en: 'Unknown state "{key}"',
    ja: '不明な状態「{key}」',
  },
  unknown_action: {
    'zh-CN': '未知的操作“{key}”',
    en: 'Unknown action "{key}"',
    ja: '不明な操作「{key}」',
  },
  no_stages: {
    'zh-CN': '状态“{key}”没有生产工序',
    en: 'State "{key}" has no production stages',
    ja: '状態「{key}」には製造工程がありません',
  },
  permission_required: {
    'zh-CN': '员工操作“{key}”未指定权限',
    en: 'Staff action "{key}" names no permission',
    ja: 'スタッフ操作「{key}」に権限が指定されていません',
  },
  not_draft: {
    'zh-CN': '状态“{key}”不是草稿类别',
    en: 'State "{key}" is not of the draft category',
    ja: '状態「{key}」は下書きカテゴリではありません',
  },
  not_from_draft: {
    'zh-CN': '操作“{key}”必须从“{from}”通往某个状态',
    en: 'Action "{key}" must lead from "{from}" to a state',
    ja: '操作「{key}」は「{from}」から状態へ進む必要があります',
  },
  not_system: {
    'zh-CN': '操作“{key}”不能由系统执行',
    en: 'Action "{key}" cannot be taken by the system',
    ja: '操作「{key}」はシステムが実行できません',
  },
  not_from_state: {
    'zh-CN': '操作“{key}”不能离开“{from}”',
    en: 'Action "{key}" does not leave "{from}"',
    ja: '操作「{key}」は「{from}」から出ません',
  },
  approval_required: {
    'zh-CN': '审批规则需要设置审批关口',
    en: 'Approval rules need an approval gate',
    ja: '承認ルールには承認ゲートが必要です',
  },
  unreachable: {
    'zh-CN': '状态“{key}”无法到达',
    en: 'State "{key}" cannot be reached',
    ja: '状態「{key}」には到達できません',
  },
  no_terminal: {
    'zh-CN': '至少要有一个没有出口的状态',
    en: 'At least one state must have no way out',
    ja: '出口のない状態が少なくとも 1 つ必要です',
  },
  terminal_category: {
    'zh-CN': '状态“{key}”没有出口，因此必须属于完成或取消类别',
    en: 'State "{key}" has no way out, so it must be done or cancelled',
    ja: '状態「{key}」には出口がないため、完了またはキャンセルのカテゴリである必要があります',
  },
};

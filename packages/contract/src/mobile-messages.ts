import type { Text } from './messages.ts';

/** Messages of the mini-program's own endpoints (channel logins, ordering-mode checks, consent). */
export const mobileMessages = {
  'feature.channelLogin': {
    'zh-CN': '该渠道登录尚未配置（需配置小程序 AppID 与密钥，或开启 DEV_LOGIN）。',
    en: 'This channel login is not set up yet (configure the mini-program app id and secret, or turn DEV_LOGIN on).',
    ja: 'このチャネルのログインは未設定です（アプリ ID とシークレットを設定するか DEV_LOGIN を有効にしてください）。',
  },
  'order.modeNotOffered': {
    'zh-CN': '这家门店不提供此就餐方式。',
    en: 'This store does not offer this way of ordering.',
    ja: 'この店舗ではこの受け取り方法を提供していません。',
  },
  'order.tableRequired': {
    'zh-CN': '堂食需要桌号，请扫描桌上的二维码。',
    en: 'Dining in needs a table number: scan the code on your table.',
    ja: '店内飲食にはテーブル番号が必要です。テーブルのコードを読み取ってください。',
  },
  'order.unknownTable': {
    'zh-CN': '这家门店没有桌号 {table}。',
    en: 'This store has no table {table}.',
    ja: 'この店舗にテーブル {table} はありません。',
  },
} satisfies Record<string, Text>;

export const mobileValidationMessages: Record<string, Text> = {
  'format.loginCode': {
    'zh-CN': '登录凭证格式不正确',
    en: 'Not a login code',
    ja: 'ログインコードの形式が正しくありません',
  },
  'consent.empty': {
    'zh-CN': '请至少回答一种消息',
    en: 'Answer for at least one kind of message',
    ja: '少なくとも 1 種類のメッセージに回答してください',
  },
  'format.tables': {
    'zh-CN': '桌号为 1–20 个字符且不重复',
    en: 'Table numbers are 1–20 characters, each once',
    ja: 'テーブル番号は 1〜20 文字で重複なし',
  },
};

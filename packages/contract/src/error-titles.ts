import type { ErrorCode } from './errors.ts';
import type { Text } from './messages.ts';

/** The problem title of each stable error code, per language. */
export const errorTitles: Record<ErrorCode, Text> = {
  VALIDATION_FAILED: { 'zh-CN': '输入有误', en: 'Invalid input', ja: '入力が正しくありません' },
  BAD_JSON: {
    'zh-CN': '请求体不是有效的 JSON',
    en: 'The request body is not valid JSON',
    ja: 'リクエスト本文が正しい JSON ではありません',
  },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': '请求体过大',
    en: 'Request body too large',
    ja: 'リクエスト本文が大きすぎます',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型',
    en: 'Unsupported content type',
    ja: 'サポートされていないコンテンツタイプです',
  },
  FILE_TOO_LARGE: { 'zh-CN': '文件过大', en: 'File too large', ja: 'ファイルが大きすぎます' },
  UNSUPPORTED_FILE_TYPE: {
    'zh-CN': '不支持的文件类型',
    en: 'Unsupported file type',
    ja: 'サポートされていないファイル形式です',
  },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such endpoint', ja: 'エンドポイントが存在しません' },
  METHOD_NOT_ALLOWED: {
    'zh-CN': '不允许的请求方法',
    en: 'Method not allowed',
    ja: '許可されていないメソッドです',
  },
  AUTH_REQUIRED: { 'zh-CN': '请先登录', en: 'Please sign in', ja: 'ログインしてください' },
  AUTH_INVALID_CREDENTIALS: {
    'zh-CN': '用户名或密码错误',
    en: 'Wrong username or password',
    ja: 'ユーザー名またはパスワードが違います',
  },
  AUTH_SESSION_EXPIRED: {
    'zh-CN': '登录已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
    ja: 'セッションの有効期限が切れました。再度ログインしてください',
  },
  AUTH_ACCOUNT_LOCKED: {
    'zh-CN': '账号已被暂时锁定',
    en: 'Account temporarily locked',
    ja: 'アカウントは一時的にロックされています',
  },
  AUTH_ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'Account disabled', ja: 'アカウントは無効です' },
  CSRF_FAILED: {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security check failed, reload the page and try again',
    ja: 'セキュリティ確認に失敗しました。ページを再読み込みしてください',
  },
  FORBIDDEN: { 'zh-CN': '没有权限', en: 'Not allowed', ja: '権限がありません' },
  NOT_FOUND: { 'zh-CN': '记录不存在', en: 'Not found', ja: '見つかりません' },
  CONFLICT: { 'zh-CN': '数据已被修改', en: 'Conflict', ja: '競合が発生しました' },
  ALREADY_EXISTS: { 'zh-CN': '已存在', en: 'Already exists', ja: 'すでに存在します' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁', en: 'Too many requests', ja: 'リクエストが多すぎます' },
  FEATURE_DISABLED: { 'zh-CN': '该功能未开启', en: 'This feature is turned off', ja: 'この機能は無効です' },
  OUT_OF_STOCK: { 'zh-CN': '库存不足', en: 'Out of stock', ja: '在庫不足' },
  TRANSITION_NOT_ALLOWED: {
    'zh-CN': '当前状态不允许此操作',
    en: 'Action not allowed now',
    ja: '現在の状態では実行できません',
  },
  VERSION_CONFLICT: {
    'zh-CN': '订单已被他人修改',
    en: 'Order changed meanwhile',
    ja: '注文が他の人により変更されました',
  },
  APPROVAL_PENDING: { 'zh-CN': '等待审批', en: 'Waiting for approval', ja: '承認待ち' },
  WORKFLOW_INVALID: {
    'zh-CN': '流程定义有误',
    en: 'Invalid workflow definition',
    ja: 'ワークフロー定義が正しくありません',
  },
  EXPORT_TOO_LARGE: {
    'zh-CN': '导出数据过多',
    en: 'Too many rows to download directly',
    ja: '直接ダウンロードするには行数が多すぎます',
  },
  GONE: { 'zh-CN': '已过期', en: 'No longer available', ja: '有効期限切れです' },
  IDEMPOTENCY_KEY_MISSING: {
    'zh-CN': '缺少幂等键',
    en: 'Idempotency-Key header required',
    ja: 'Idempotency-Key ヘッダーが必要です',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '幂等键已用于不同的请求',
    en: 'Idempotency key reused with a different request',
    ja: '冪等キーが別のリクエストで使用されています',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    'zh-CN': '相同请求正在处理中',
    en: 'The same request is still being processed',
    ja: '同じリクエストを処理中です',
  },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂不可用', en: 'Service unavailable', ja: 'サービスを利用できません' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error', ja: 'サーバー内部エラー' },
};

/** Detail messages a service can raise by key, with {placeholders}. */

import { complaintMessages } from './complaint-messages.ts';
import { exceptionMessages } from './exception-messages.ts';
import type { Locale } from './i18n.ts';
import { mobileMessages } from './mobile-messages.ts';
import { paymentMessages } from './payment-messages.ts';

// What a person reads in a problem's detail, per message key (error titles are in error-titles.ts,
// validation rules' messages in validation-messages.ts).
export type Text = Record<Locale, string>;

export const messages = {
  ...exceptionMessages,
  'auth.invalidCredentials': {
    'zh-CN': '用户名或密码不正确。',
    en: 'The username or password is not correct.',
    ja: 'ユーザー名またはパスワードが正しくありません。',
  },
  'auth.locked': {
    'zh-CN': '连续登录失败次数过多，账号已锁定，请在 {minutes} 分钟后重试。',
    en: 'Too many failed sign-ins; the account is locked. Try again in {minutes} minutes.',
    ja: 'ログインの失敗が多すぎるためロックされました。{minutes} 分後に再試行してください。',
  },
  'auth.disabled': {
    'zh-CN': '该账号已被管理员停用。',
    en: 'An administrator has disabled this account.',
    ja: 'このアカウントは管理者により無効化されています。',
  },
  'auth.required': {
    'zh-CN': '此操作需要登录。',
    en: 'This request needs a signed-in user.',
    ja: 'この操作にはログインが必要です。',
  },
  'auth.expired': {
    'zh-CN': '会话已过期或已退出。',
    en: 'The session has expired or was signed out.',
    ja: 'セッションの有効期限が切れたか、ログアウトされました。',
  },
  'auth.wrongPrincipal': {
    'zh-CN': '此接口不适用于当前登录类型。',
    en: 'This endpoint is not available to this kind of account.',
    ja: 'このエンドポイントはこの種類のアカウントでは使用できません。',
  },
  'auth.rateLimited': {
    'zh-CN': '登录尝试过多，请在 {seconds} 秒后重试。',
    en: 'Too many sign-in attempts; try again in {seconds} seconds.',
    ja: 'ログイン試行が多すぎます。{seconds} 秒後に再試行してください。',
  },
  'auth.wrongPassword': {
    'zh-CN': '当前密码不正确。',
    en: 'The current password is not correct.',
    ja: '現在のパスワードが正しくありません。',
  },
  'auth.codeInvalid': {
    'zh-CN': '验证码错误或已过期。',
    en: 'The code is wrong or has expired.',
    ja: '確認コードが間違っているか期限切れです。',
  },
  'csrf.failed': {
    'zh-CN': '缺少或错误的 X-CSRF-Token 请求头。',
    en: 'The X-CSRF-Token header is missing or wrong.',
    ja: 'X-CSRF-Token ヘッダーがないか正しくありません。',
  },
  'forbidden.permission': {
    'zh-CN': '需要权限 {permission}。',
    en: 'This needs the permission {permission}.',
    ja: '権限 {permission} が必要です。',
  },
  'forbidden.scope': {
    'zh-CN': '该记录不在您的数据范围内。',
    en: 'This record is outside your data scope.',
    ja: 'このレコードはデータ範囲外です。',
  },
  'forbidden.grantScope': {
    'zh-CN': '不能授予超出自身范围的权限。',
    en: 'You cannot grant more than your own scope allows.',
    ja: '自分の範囲を超える権限は付与できません。',
  },
  'notFound.entity': {
    'zh-CN': '找不到{entity}。',
    en: 'No such {entity}.',
    ja: '{entity} が見つかりません。',
  },
  'route.notFound': {
    'zh-CN': '没有 {method} {url} 这个接口。',
    en: 'There is no endpoint {method} {url}.',
    ja: '{method} {url} というエンドポイントはありません。',
  },
  'body.badJson': {
    'zh-CN': '请求体无法解析为 JSON：{reason}',
    en: 'The body could not be parsed as JSON: {reason}',
    ja: '本文を JSON として解析できません: {reason}',
  },
  'body.tooLarge': {
    'zh-CN': '请求体超过 {limit} 字节的上限。',
    en: 'The body is larger than the limit of {limit} bytes.',
    ja: '本文が上限 {limit} バイトを超えています。',
  },
  'body.mediaType': {
    'zh-CN': '不支持内容类型 {type}，请使用 application/json。',
    en: 'Content type {type} is not supported; send application/json.',
    ja: 'コンテンツタイプ {type} はサポートされていません。application/json を使用してください。',
  },
  'body.uploadType': {
    'zh-CN': '此接口不接受内容类型 {type}，请使用：{accepted}。',
    en: 'Content type {type} is not accepted here; send one of: {accepted}.',
    ja: 'コンテンツタイプ {type} はここでは受け付けません。次のいずれかを使用してください：{accepted}。',
  },
  'upload.missing': {
    'zh-CN': '请把文件作为请求体发送。',
    en: 'Send the file as the request body.',
    ja: 'ファイルをリクエスト本文として送信してください。',
  },
  'upload.missingField': {
    'zh-CN': '请以 multipart/form-data 表单字段 {field} 发送文件。',
    en: 'Send the file as the multipart/form-data field {field}.',
    ja: 'ファイルを multipart/form-data のフィールド {field} として送信してください。',
  },
  'attachment.tooLarge': {
    'zh-CN': '文件超过 {limit} 字节的上限。',
    en: 'The file is larger than the limit of {limit} bytes.',
    ja: 'ファイルが上限 {limit} バイトを超えています。',
  },
  'attachment.unsupportedType': {
    'zh-CN':
      '不能上传 {detected} 类型的文件（按文件内容判断，而非文件名）；可上传：JPEG、PNG、WebP、GIF、AVIF、HEIC 图片，PDF 或 XLSX。',
    en: 'Files of type {detected} cannot be attached (judged by content, not by name); accepted: JPEG, PNG, WebP, GIF, AVIF, HEIC pictures, PDF or XLSX.',
    ja: '{detected} 形式のファイルは添付できません（ファイル名ではなく内容で判定）。添付できるのは JPEG・PNG・WebP・GIF・AVIF・HEIC の画像、PDF、XLSX です。',
  },
  'attachment.unreadable': {
    'zh-CN': '该文件看起来是 {detected}，但无法读取，可能已损坏。',
    en: 'The file looks like {detected} but cannot be read; it may be damaged.',
    ja: 'このファイルは {detected} のようですが読み込めません。破損している可能性があります。',
  },
  'attachment.tooMany': {
    'zh-CN': '每条记录最多 {limit} 个附件。',
    en: 'A record can carry at most {limit} attachments.',
    ja: '1 件のレコードに添付できるのは {limit} 個までです。',
  },
  'attachment.notYours': {
    'zh-CN': '只能删除自己上传的附件。',
    en: 'You can only remove attachments you uploaded yourself.',
    ja: '削除できるのは自分がアップロードした添付ファイルだけです。',
  },
  'import.notSpreadsheet': {
    'zh-CN': '该文件不是 CSV 或 XLSX 表格（按文件内容判断，而非文件名）。',
    en: 'The file is not a CSV or XLSX spreadsheet (judged by its content, not its name).',
    ja: 'このファイルは CSV または XLSX ではありません（ファイル名ではなく内容で判定しています）。',
  },
  'import.unreadable': {
    'zh-CN': '无法读取该文件：{reason}',
    en: 'The file could not be read: {reason}',
    ja: 'ファイルを読み取れません：{reason}',
  },
  'import.tooManyRows': {
    'zh-CN': '表格超过 {max} 行数据，请拆分为多个文件后导入。',
    en: 'The sheet has more than {max} data rows; split it into smaller files.',
    ja: 'データが {max} 行を超えています。複数のファイルに分けてください。',
  },
  'import.invalid': {
    'zh-CN': '{rows} 行中有 {cells} 个单元格有误，未导入任何数据。',
    en: '{cells} cell(s) are wrong in {rows} row(s); nothing was imported.',
    ja: '{rows} 行で {cells} 個のセルに誤りがあります。何も取り込んでいません。',
  },
  'import.changed': {
    'zh-CN': '导入期间商品目录被修改，未导入任何数据，请重试。',
    en: 'The catalog changed while importing; nothing was imported. Please try again.',
    ja: '取り込み中にカタログが変更されたため、何も取り込んでいません。再試行してください。',
  },
  'export.tooLarge': {
    'zh-CN': '符合条件的数据超过 {max} 行，请改用后台导出任务。',
    en: 'More than {max} rows match; start a background export instead.',
    ja: '該当データが {max} 行を超えています。バックグラウンドのエクスポートを使用してください。',
  },
  'export.notReady': {
    'zh-CN': '导出任务尚未完成（当前状态：{status}）。',
    en: 'The export is not finished yet (status: {status}).',
    ja: 'エクスポートはまだ完了していません（状態：{status}）。',
  },
  'export.expired': {
    'zh-CN': '导出文件已过期并被删除，请重新导出。',
    en: 'The export file has expired and was deleted; export again.',
    ja: 'エクスポートファイルは期限切れのため削除されました。もう一度エクスポートしてください。',
  },
  'order.notEditable': {
    'zh-CN': '订单 {number} 处于「{state}」状态，不能修改。',
    en: 'Order {number} is {state} and can no longer be changed.',
    ja: '注文 {number} は「{state}」のため変更できません。',
  },
  'view.notOwner': {
    'zh-CN': '只有创建者可以修改或删除此视图。',
    en: 'Only the owner can change or delete this view.',
    ja: 'このビューを変更・削除できるのは作成者だけです。',
  },
  'bulkUpdate.invalid': {
    'zh-CN': '{rows} 行中有 {cells} 个单元格有误，未修改任何订单。',
    en: '{cells} cell(s) are wrong in {rows} row(s); no order was changed.',
    ja: '{rows} 行で {cells} 個のセルに誤りがあります。注文は変更していません。',
  },
  'bulkUpdate.changed': {
    'zh-CN': '更新期间有订单被他人修改，未修改任何订单，请重试。',
    en: 'An order changed while updating; no order was changed. Please try again.',
    ja: '更新中に注文が変更されたため、何も変更していません。再試行してください。',
  },
  'validation.failed': {
    'zh-CN': '有 {count} 个字段不正确。',
    en: '{count} field(s) are not valid.',
    ja: '{count} 個の項目が正しくありません。',
  },
  'conflict.exists': {
    'zh-CN': '{field}为“{value}”的记录已存在。',
    en: 'A record with {field} “{value}” already exists.',
    ja: '{field}「{value}」のレコードはすでに存在します。',
  },
  'conflict.roleInUse': {
    'zh-CN': '该角色仍被 {count} 个用户使用。',
    en: 'The role is still granted to {count} user(s).',
    ja: 'このロールはまだ {count} 人のユーザーに付与されています。',
  },
  'conflict.builtInRole': {
    'zh-CN': '内置角色不能删除。',
    en: 'Built-in roles cannot be deleted.',
    ja: '組み込みロールは削除できません。',
  },
  'stock.belowReserved': {
    'zh-CN': '库存不能少于已预留的 {reserved} 件。',
    en: 'Stock cannot go below the {reserved} already reserved for orders.',
    ja: '在庫は注文で引当済みの {reserved} 個を下回ることはできません。',
  },
  'stock.untracked': {
    'zh-CN': '该 SKU 在此门店不计库存，请先开启库存跟踪。',
    en: 'This SKU is not stock-tracked in this store; track it first.',
    ja: 'この SKU はこの店舗で在庫管理されていません。先に在庫管理を有効にしてください。',
  },
  'stock.out': {
    'zh-CN': '{sku} 库存不足：需要 {wanted}，仅剩 {available}。',
    en: '{sku} is out of stock: {wanted} wanted, {available} available.',
    ja: '{sku} の在庫が不足しています：{wanted} 個必要、残り {available} 個。',
  },
  'order.unavailable': {
    'zh-CN': '{count} 个商品当前无法下单。',
    en: '{count} item(s) cannot be ordered right now.',
    ja: '{count} 件の商品は現在注文できません。',
  },
  'outbox.notRetryable': {
    'zh-CN': '只有失败或跳过的投递可以重试（当前：{status}）。',
    en: 'Only a dead or skipped delivery can be retried (this one is {status}).',
    ja: '再送できるのは失敗またはスキップされた配信だけです（現在：{status}）。',
  },
  'approval.closed': {
    'zh-CN': '该审批已结束（{status}）。',
    en: 'This approval is already closed ({status}).',
    ja: 'この承認はすでに終了しています（{status}）。',
  },
  'approval.notEligible': {
    'zh-CN': '您不能审批这一步（权限、角色或范围不符，或订单由您录入）。',
    en: 'You cannot decide this step (permission, role or scope, or you entered the order).',
    ja: 'この段階を承認できません（権限・ロール・範囲の不一致、またはご自身が入力した注文）。',
  },
  'approval.alreadyDecided': {
    'zh-CN': '您已对这一步作出决定。',
    en: 'You have already decided this step.',
    ja: 'この段階はすでに判断済みです。',
  },
  'workflow.forbidden': {
    'zh-CN': '您无权对此订单执行“{action}”。',
    en: 'You may not take “{action}” on this order.',
    ja: 'この注文に「{action}」を実行する権限がありません。',
  },
  'workflow.notAllowed': {
    'zh-CN': '订单处于“{state}”，不能执行“{action}”。可执行的操作：{allowed}。',
    en: 'The order is “{state}”, so “{action}” is not possible. Allowed now: {allowed}.',
    ja: '注文は「{state}」のため「{action}」はできません。実行可能：{allowed}。',
  },
  'workflow.versionConflict': {
    'zh-CN': '订单已被他人更新，当前状态为“{state}”（版本 {version}），请刷新后重试。',
    en: 'Someone else changed the order meanwhile; it is now “{state}” (version {version}). Refresh and try again.',
    ja: '他の人が注文を更新しました。現在「{state}」（バージョン {version}）です。更新して再試行してください。',
  },
  'workflow.approvalPending': {
    'zh-CN': '订单正在等待审批，审批通过后才能执行“{action}”。',
    en: 'The order is waiting for approval; “{action}” is possible once it is approved.',
    ja: '注文は承認待ちです。承認後に「{action}」を実行できます。',
  },
  'workflow.paymentStatus': {
    'zh-CN': '付款状态为“{status}”时不能执行“{action}”。',
    en: '“{action}” is not possible while the payment status is “{status}”.',
    ja: '支払い状況が「{status}」のため「{action}」はできません。',
  },
  'workflow.invalid': {
    'zh-CN': '流程定义有 {count} 处问题，未发布。',
    en: 'The workflow definition has {count} problem(s); nothing was published.',
    ja: 'ワークフロー定義に {count} 件の問題があるため公開しませんでした。',
  },
  'workflow.required': {
    'zh-CN': '此操作需要填写“{field}”。',
    en: 'This action needs “{field}”.',
    ja: 'この操作には「{field}」が必要です。',
  },
  'idempotency.missing': {
    'zh-CN': '提交订单需要 Idempotency-Key 请求头。',
    en: 'Submitting an order needs an Idempotency-Key header.',
    ja: '注文の送信には Idempotency-Key ヘッダーが必要です。',
  },
  'idempotency.reused': {
    'zh-CN': '该幂等键已用于内容不同的请求。',
    en: 'This idempotency key was used for a different request.',
    ja: 'この冪等キーは別の内容のリクエストに使われています。',
  },
  'idempotency.running': {
    'zh-CN': '相同的请求正在处理，请稍后重试。',
    en: 'The same request is still being processed; retry shortly.',
    ja: '同じリクエストを処理中です。しばらくしてから再試行してください。',
  },
  'feature.devLogin': {
    'zh-CN': '开发登录未开启（DEV_LOGIN）。',
    en: 'Development login is turned off (DEV_LOGIN).',
    ja: '開発用ログインは無効です (DEV_LOGIN)。',
  },
  internal: {
    'zh-CN': '发生意外错误，已记录，请求编号 {requestId}。',
    en: 'Something unexpected went wrong; it has been logged as request {requestId}.',
    ja: '予期しないエラーが発生しました。リクエスト {requestId} として記録されました。',
  },
  'unavailable.db': {
    'zh-CN': '数据库暂不可用。',
    en: 'The database is not reachable.',
    ja: 'データベースに接続できません。',
  },
  ...complaintMessages,
  ...mobileMessages,
  ...paymentMessages,
} satisfies Record<string, Text>;
export type MessageKey = keyof typeof messages;

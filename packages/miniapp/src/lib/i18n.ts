import { prefs } from '../state/prefs';
import { useStore } from '../state/store';

export type Locale = 'zh-CN' | 'en' | 'ja';
export const locales: { code: Locale; label: string }[] = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
];

// Every text the app shows, in the three languages; the server localises its own messages.
const texts = {
  'tab.home': ['首页', 'Home', 'ホーム'],
  'tab.menu': ['点餐', 'Order', '注文'],
  'tab.orders': ['订单', 'Orders', '注文履歴'],
  'tab.profile': ['我的', 'Me', 'マイページ'],
  'common.retry': ['重试', 'Retry', '再試行'],
  'common.loading': ['加载中…', 'Loading…', '読み込み中…'],
  'common.loadFailed': ['加载失败', "Couldn't load", '読み込めませんでした'],
  'common.networkError': [
    '网络不稳定，请重试',
    'Network problem, please retry',
    '通信エラー、再試行してください',
  ],
  'common.loadMore': ['加载更多', 'Load more', 'さらに表示'],
  'common.none': ['暂无', 'None', 'なし'],
  'store.openNow': ['营业中', 'Open now', '営業中'],
  'store.closed': ['休息中', 'Closed now', '営業時間外'],
  'store.hoursToday': ['今日营业', 'Today', '本日の営業'],
  'store.noHours': ['未设置营业时间', 'Hours not set', '営業時間未設定'],
  'store.mode': ['就餐方式', 'How to order', '受け取り方法'],
  'store.table': ['桌号', 'Table', 'テーブル'],
  'store.start': ['开始点餐', 'Start ordering', '注文を始める'],
  'store.choose': ['选择门店', 'Choose a store', '店舗を選択'],
  'store.notFound': ['找不到这家门店', 'Store not found', '店舗が見つかりません'],
  'store.announcement': ['公告', 'Notice', 'お知らせ'],
  'store.address': ['地址', 'Address', '住所'],
  'store.phone': ['电话', 'Phone', '電話'],
  'mode.dine_in': ['堂食', 'Dine in', '店内'],
  'mode.pickup': ['自取', 'Pickup', 'お持ち帰り'],
  'mode.delivery': ['外送', 'Delivery', '配達'],
  'mode.shipment': ['企业订货', 'Account order', '法人注文'],
  'menu.add': ['加入', 'Add', '追加'],
  'menu.choose': ['选规格', 'Options', '選択'],
  'menu.from': ['起', 'from', '〜'],
  'menu.taxExcl': ['价格不含税', 'Prices exclude tax', '税抜価格'],
  'menu.signInToOrder': ['登录后下单', 'Sign in to order', 'ログインして注文'],
  'reason.inactive': ['已下架', 'Unavailable', '販売終了'],
  'reason.not_in_store': ['本店不售', 'Not sold here', 'この店舗では販売なし'],
  'reason.outside_hours': ['当前时段不供应', 'Not served now', '提供時間外'],
  'reason.sold_out': ['已售罄', 'Sold out', '売り切れ'],
  'reason.out_of_stock': ['库存不足', 'Out of stock', '在庫不足'],
  'cart.title': ['购物车', 'Cart', 'カート'],
  'cart.empty': ['购物车是空的', 'Your cart is empty', 'カートは空です'],
  'cart.items': ['{n} 件', '{n} items', '{n} 点'],
  'cart.checkout': ['去结算', 'Checkout', '注文へ進む'],
  'cart.remove': ['删除', 'Remove', '削除'],
  'cart.clear': ['清空', 'Clear', '空にする'],
  'cart.unavailableHint': [
    '有商品当前无法下单，请删除后再结算',
    'Remove unavailable items to check out',
    '注文できない商品を削除してください',
  ],
  'quote.subtotal': ['商品小计', 'Subtotal', '小計'],
  'quote.fee.packaging': ['打包费', 'Packaging', '包装料'],
  'quote.fee.delivery': ['配送费', 'Delivery fee', '配送料'],
  'quote.fee.shipment': ['运费', 'Shipping', '送料'],
  'quote.tax': ['税额', 'Tax', '税'],
  'quote.taxIncl': ['其中税额', 'Tax included', 'うち消費税'],
  'quote.discount': ['优惠', 'Discount', '割引'],
  'quote.total': ['合计', 'Total', '合計'],
  'quote.pending': ['计算中…', 'Pricing…', '計算中…'],
  'product.quantity': ['数量', 'Quantity', '数量'],
  'product.addToCart': ['加入购物车', 'Add to cart', 'カートに追加'],
  'product.required': ['必选', 'Required', '必須'],
  'product.optional': ['可选', 'Optional', '任意'],
  'confirm.title': ['确认订单', 'Confirm order', '注文確認'],
  'confirm.fulfilment': ['取餐方式', 'Fulfilment', '受け取り'],
  'confirm.tableNumber': ['桌号', 'Table number', 'テーブル番号'],
  'confirm.pickupAt': ['取餐时间', 'Pickup time', '受け取り時間'],
  'confirm.asap': ['尽快', 'As soon as possible', 'できるだけ早く'],
  'confirm.address': ['送餐地址', 'Delivery address', '配達先住所'],
  'confirm.requestedDate': ['期望交货日期', 'Requested date', '希望納品日'],
  'confirm.notes': ['备注', 'Notes', '備考'],
  'confirm.notesHint': ['口味、过敏等', 'Taste, allergies…', '好み・アレルギーなど'],
  'confirm.contact': ['联系人', 'Contact', '連絡先'],
  'confirm.name': ['姓名', 'Name', 'お名前'],
  'confirm.phone': ['手机号', 'Phone', '電話番号'],
  'confirm.payment': ['支付方式', 'Payment', 'お支払い'],
  'confirm.payAtCounter': ['到店付款', 'Pay at the counter', '店頭で支払う'],
  'confirm.payOnline': [
    '微信支付 / 支付宝（即将开通）',
    'WeChat Pay / Alipay (coming soon)',
    'WeChat Pay / Alipay（準備中）',
  ],
  'confirm.submit': ['提交订单', 'Place order', '注文する'],
  'confirm.submitting': ['提交中…', 'Placing…', '送信中…'],
  'confirm.retrySubmit': [
    '网络中断，订单可能未提交。点击重试（不会重复下单）',
    'Connection lost. Retry safely (no duplicate order)',
    '通信が切れました。再試行しても二重注文になりません',
  ],
  'confirm.missing': ['请填写{field}', 'Please fill in {field}', '{field}を入力してください'],
  'orders.title': ['我的订单', 'My orders', '注文履歴'],
  'orders.empty': ['还没有订单', 'No orders yet', '注文はまだありません'],
  'order.title': ['订单详情', 'Order details', '注文詳細'],
  'order.number': ['订单号', 'Order no.', '注文番号'],
  'order.placedAt': ['下单时间', 'Placed', '注文日時'],
  'order.payment': ['支付状态', 'Payment', '支払い'],
  'order.timeline': ['订单进度', 'Progress', '進捗'],
  'order.lines': ['商品', 'Items', '商品'],
  'order.backToMenu': ['继续点餐', 'Order more', '追加注文'],
  'order.readyAt': ['预计 {time} 可取餐', 'Ready around {time}', '{time}ごろ準備完了予定'],
  'order.reorder': ['再来一单', 'Order again', 'もう一度注文'],
  'order.complaint': ['投诉 / 反馈问题', 'Report a problem', '問題を報告'],
  'order.actionConfirm': ['确定要{action}吗？', '{action}?', '{action}してよろしいですか？'],
  'common.yes': ['确定', 'Yes', 'はい'],
  'common.no': ['再想想', 'No', 'いいえ'],
  'pay.unpaid': ['待付款（到店）', 'Unpaid (at counter)', '未払い（店頭）'],
  'pay.partially_paid': ['部分付款', 'Partly paid', '一部支払い済み'],
  'pay.paid': ['已付款', 'Paid', '支払い済み'],
  'pay.refunded': ['已退款', 'Refunded', '返金済み'],
  'state.draft': ['草稿', 'Draft', '下書き'],
  'state.submitted': ['已提交', 'Submitted', '送信済み'],
  'state.accepted': ['已接单', 'Accepted', '受付済み'],
  'state.confirmed': ['已确认', 'Confirmed', '確認済み'],
  'state.preparing': ['制作中', 'Preparing', '調理中'],
  'state.in_production': ['生产中', 'In production', '生産中'],
  'state.ready': ['待取餐', 'Ready', '準備完了'],
  'state.shipped': ['已发货', 'Shipped', '発送済み'],
  'state.completed': ['已完成', 'Completed', '完了'],
  'state.cancelled': ['已取消', 'Cancelled', 'キャンセル'],
  'state.rejected': ['已拒绝', 'Rejected', '却下'],
  'profile.title': ['我的', 'Me', 'マイページ'],
  'profile.signedInAs': ['已登录', 'Signed in', 'ログイン中'],
  'profile.signIn': ['手机号登录', 'Sign in with phone', '電話番号でログイン'],
  'profile.getCode': ['获取验证码', 'Get code', 'コードを取得'],
  'profile.code': ['验证码', 'Code', '認証コード'],
  'profile.devCode': ['开发环境验证码：{code}', 'Dev code: {code}', '開発用コード：{code}'],
  'profile.login': ['登录', 'Sign in', 'ログイン'],
  'profile.logout': ['退出登录', 'Sign out', 'ログアウト'],
  'profile.language': ['语言', 'Language', '言語'],
  'profile.guest': ['未登录', 'Not signed in', '未ログイン'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type TextKey = keyof typeof texts;
const index: Record<Locale, 0 | 1 | 2> = { 'zh-CN': 0, en: 1, ja: 2 };

export function translate(locale: Locale, key: TextKey, vars?: Record<string, string | number>): string {
  let s: string = texts[key][index[locale]];
  for (const [k, v] of Object.entries(vars ?? {})) s = s.replace(`{${k}}`, String(v));
  return s;
}

/** The translator of the current language; components re-render when it changes. */
export function useT() {
  const { locale } = useStore(prefs);
  return (key: TextKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}

/** A state name in the customer's language; an unknown (custom workflow) state shows as is. */
export function stateLabel(locale: Locale, state: string): string {
  const key = `state.${state}` as TextKey;
  return key in texts ? translate(locale, key) : state;
}

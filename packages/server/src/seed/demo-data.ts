import type { BuiltInRole, DataScope } from '@orderloop/contract';
import type { AvailabilityWindow, OptionGroup } from '../db/catalog-schema.ts';

export const DEMO_PASSWORD = 'orderloop-demo';

export type DemoUser = {
  username: string;
  displayName: string;
  role: BuiltInRole;
  scope?: DataScope;
  store?: string;
  locale?: 'zh-CN' | 'en' | 'ja';
};
export type DemoProduct = {
  name: string;
  description?: string;
  unit?: string;
  tags?: string[];
  price: number;
  /** Variant group whose values become SKUs, price deltas applied to `price`. */
  groups?: OptionGroup[];
  /** Tracked stock per store code; omitted = untracked (unlimited). */
  stock?: Record<string, number>;
  windows?: AvailabilityWindow[];
};
export type DemoBusiness = {
  slug: string;
  name: string;
  kind: 'restaurant' | 'b2b';
  settings: Record<string, unknown>;
  skuPrefix: string;
  stores: { code: string; name: string; address: string; phone: string }[];
  users: DemoUser[];
  catalog: { category: string; products: DemoProduct[] }[];
  priceLists?: {
    name: string;
    discountPercent: number;
    breaks?: { minQuantity: number; discountPercent: number }[];
  }[];
  accounts?: {
    name: string;
    contactName: string;
    phone: string;
    store: string;
    salesRep: string;
    priceList?: string;
  }[];
  persons?: { name: string; phone: string }[];
};

const size = (deltas: [string, string, number][]): OptionGroup => ({
  code: 'size',
  name: '规格',
  variant: true,
  required: true,
  values: deltas.map(([code, name, priceDelta]) => ({ code, name, priceDelta })),
});
const spice: OptionGroup = {
  code: 'spice',
  name: '辣度',
  variant: false,
  required: true,
  values: [
    { code: 'none', name: '不辣', priceDelta: 0 },
    { code: 'mild', name: '微辣', priceDelta: 0 },
    { code: 'medium', name: '中辣', priceDelta: 0 },
    { code: 'hot', name: '特辣', priceDelta: 0 },
  ],
};
const sugar: OptionGroup = {
  code: 'sugar',
  name: '甜度',
  variant: false,
  required: false,
  values: [
    { code: 'full', name: '正常糖', priceDelta: 0 },
    { code: 'half', name: '半糖', priceDelta: 0 },
    { code: 'none', name: '无糖', priceDelta: 0 },
  ],
};
const extraEgg: OptionGroup = {
  code: 'extra',
  name: '加料',
  variant: false,
  required: false,
  values: [
    { code: 'egg', name: '加蛋', priceDelta: 200 },
    { code: 'beef', name: '加牛肉', priceDelta: 800 },
  ],
};
const colour = (codes: [string, string][]): OptionGroup => ({
  code: 'colour',
  name: '颜色',
  variant: true,
  required: true,
  values: codes.map(([code, name]) => ({ code, name, priceDelta: 0 })),
});
const breakfast: AvailabilityWindow[] = [{ days: [0, 1, 2, 3, 4, 5, 6], from: '06:30', to: '10:30' }];

export const demoBusinesses: DemoBusiness[] = [
  {
    slug: 'demo-restaurant',
    name: '小满面馆 Xiaoman Noodles',
    kind: 'restaurant',
    // catering VAT 6 %, prices shown tax-inclusive; packaging for take-away, a delivery fee
    settings: {
      pricing: {
        taxMode: 'inclusive',
        taxRateBasisPoints: 600,
        fees: { packaging: 100, delivery: 500, shipment: 0 },
      },
    },
    skuPrefix: 'XM',
    stores: [
      { code: 'A', name: '人民广场店', address: '上海市黄浦区西藏中路 18 号', phone: '021-6350 1001' },
      { code: 'B', name: '徐家汇店', address: '上海市徐汇区漕溪北路 88 号', phone: '021-6468 2002' },
    ],
    users: [
      { username: 'rest-admin', displayName: '王管理', role: 'admin' },
      { username: 'rest-boss', displayName: '李总', role: 'leadership' },
      { username: 'rest-manager', displayName: '赵店长', role: 'approver', scope: 'store', store: 'A' },
      { username: 'rest-staff', displayName: '陈前台', role: 'coordinator', store: 'A' },
      { username: 'rest-staff-b', displayName: '周前台', role: 'coordinator', store: 'B' },
      { username: 'rest-kitchen', displayName: '刘师傅', role: 'production', store: 'A' },
      { username: 'rest-cashier', displayName: '孙收银', role: 'cashier', store: 'A' },
      {
        username: 'rest-service',
        displayName: 'Emma Service',
        role: 'customer_service',
        store: 'A',
        locale: 'en',
      },
    ],
    catalog: [
      {
        category: '招牌面',
        products: [
          {
            name: '红烧牛肉面',
            description: '慢炖六小时的牛腱子，手工拉面',
            price: 3200,
            tags: ['招牌'],
            groups: [
              size([
                ['regular', '标准', 0],
                ['large', '大碗', 500],
              ]),
              spice,
              extraEgg,
            ],
          },
          {
            name: '葱油拌面',
            description: '现熬葱油，上海老味道',
            price: 1800,
            groups: [
              size([
                ['regular', '标准', 0],
                ['large', '大碗', 300],
              ]),
              extraEgg,
            ],
          },
          {
            name: '招牌红烧肉面',
            description: '每日限量',
            price: 3800,
            tags: ['限量'],
            groups: [spice],
            stock: { A: 30, B: 20 },
          },
          {
            name: '番茄鸡蛋面',
            price: 2200,
            groups: [
              size([
                ['regular', '标准', 0],
                ['large', '大碗', 300],
              ]),
            ],
          },
        ],
      },
      {
        category: '小吃',
        products: [
          { name: '生煎包（4只）', price: 1200, stock: { A: 80, B: 60 } },
          { name: '凉拌黄瓜', price: 900, groups: [spice] },
          { name: '卤蛋', unit: '个', price: 300 },
        ],
      },
      {
        category: '饮品',
        products: [
          {
            name: '酸梅汤',
            price: 800,
            groups: [
              size([
                ['m', '中杯', 0],
                ['l', '大杯', 300],
              ]),
              sugar,
            ],
          },
          {
            name: '柠檬茶',
            price: 1000,
            groups: [
              size([
                ['m', '中杯', 0],
                ['l', '大杯', 300],
              ]),
              sugar,
            ],
          },
        ],
      },
      {
        category: '早餐',
        products: [
          { name: '豆浆油条套餐', price: 900, windows: breakfast },
          { name: '小馄饨', price: 1300, windows: breakfast, groups: [extraEgg] },
        ],
      },
    ],
    persons: [
      { name: '张三', phone: '13800000001' },
      { name: 'Tom', phone: '13800000002' },
    ],
  },
  {
    slug: 'demo-factory',
    name: '华东精工家具 Eastern Precision Furniture',
    kind: 'b2b',
    // goods VAT 13 %, quoted net of tax as B2B buyers expect
    settings: {
      pricing: {
        taxMode: 'exclusive',
        taxRateBasisPoints: 1300,
        fees: { packaging: 0, delivery: 0, shipment: 0 },
      },
    },
    skuPrefix: 'EP',
    stores: [
      { code: 'S', name: '苏州工厂', address: '江苏省苏州市工业园区星湖街 328 号', phone: '0512-6288 3003' },
      { code: 'W', name: '无锡仓库', address: '江苏省无锡市新吴区长江路 9 号', phone: '0510-8520 4004' },
    ],
    users: [
      { username: 'fact-admin', displayName: 'Admin Zhou', role: 'admin' },
      { username: 'fact-director', displayName: '吴董事', role: 'leadership' },
      { username: 'fact-approver', displayName: '郑经理', role: 'approver' },
      { username: 'fact-coord', displayName: '冯协调', role: 'coordinator', store: 'S' },
      { username: 'fact-workshop', displayName: '褚车间', role: 'production', store: 'S' },
      { username: 'fact-cashier', displayName: '卫财务', role: 'cashier', store: 'S' },
      { username: 'fact-service', displayName: '蒋客服', role: 'customer_service', store: 'S' },
      { username: 'fact-sales1', displayName: '沈销售', role: 'sales_rep', scope: 'own', store: 'S' },
      {
        username: 'fact-sales2',
        displayName: 'Yuki Tanaka',
        role: 'sales_rep',
        scope: 'own',
        store: 'S',
        locale: 'ja',
      },
    ],
    catalog: [
      {
        category: '办公椅',
        products: [
          {
            name: '人体工学椅 ErgoPro',
            unit: '把',
            price: 128000,
            groups: [
              colour([
                ['black', '黑色'],
                ['grey', '灰色'],
              ]),
            ],
            stock: { S: 200, W: 80 },
          },
          {
            name: '会议椅 M2',
            unit: '把',
            price: 42000,
            groups: [
              colour([
                ['black', '黑色'],
                ['blue', '蓝色'],
              ]),
            ],
            stock: { S: 500, W: 300 },
          },
        ],
      },
      {
        category: '办公桌',
        products: [
          {
            name: '升降桌 LiftDesk',
            unit: '张',
            price: 236000,
            groups: [
              size([
                ['120', '1200mm', 0],
                ['140', '1400mm', 20000],
                ['160', '1600mm', 40000],
              ]),
            ],
            stock: { S: 60, W: 20 },
          },
          {
            name: '会议桌 Board',
            unit: '张',
            price: 520000,
            groups: [
              size([
                ['240', '2400mm', 0],
                ['320', '3200mm', 160000],
              ]),
            ],
            stock: { S: 15 },
          },
        ],
      },
      {
        category: '储物',
        products: [
          { name: '钢制文件柜 F4', unit: '个', price: 89000, stock: { S: 120, W: 40 } },
          {
            name: '移动矮柜 C3',
            unit: '个',
            price: 56000,
            groups: [
              colour([
                ['white', '白色'],
                ['walnut', '胡桃木'],
              ]),
            ],
            stock: { S: 90 },
          },
        ],
      },
    ],
    priceLists: [
      {
        name: '经销商价 Distributor',
        discountPercent: 15,
        breaks: [{ minQuantity: 50, discountPercent: 20 }],
      },
      { name: '大客户价 Key account', discountPercent: 10 },
    ],
    accounts: [
      {
        name: '上海云途科技有限公司',
        contactName: '林经理',
        phone: '13900000011',
        store: 'S',
        salesRep: 'fact-sales1',
        priceList: '大客户价 Key account',
      },
      {
        name: '杭州恒信办公家具经销部',
        contactName: '何老板',
        phone: '13900000012',
        store: 'S',
        salesRep: 'fact-sales1',
        priceList: '经销商价 Distributor',
      },
      {
        name: '南京博远设计院',
        contactName: '许工',
        phone: '13900000013',
        store: 'S',
        salesRep: 'fact-sales2',
      },
      {
        name: '苏州园区联合办公',
        contactName: 'Grace',
        phone: '13900000014',
        store: 'W',
        salesRep: 'fact-sales2',
        priceList: '大客户价 Key account',
      },
    ],
  },
];

import type { Tx } from '../db/connect.ts';
import { storefronts } from '../db/storefront-schema.ts';

type DemoStorefront = {
  announcement: string;
  fulfilments: ('dine_in' | 'pickup' | 'delivery' | 'shipment')[];
};

/** The demo stores' customer pages, by business slug and store code. */
const demoStorefronts: Record<string, Record<string, DemoStorefront>> = {
  'demo-restaurant': {
    A: {
      announcement: '午市 11:30–13:30 出餐较慢，扫码点餐后请留意叫号。Busy at lunch: watch for your number.',
      fulfilments: ['dine_in', 'pickup', 'delivery'],
    },
    B: { announcement: '早餐 6:30–10:30 供应豆浆油条和小馄饨。', fulfilments: ['dine_in', 'pickup'] },
  },
  'demo-factory': {
    S: { announcement: '定制颜色交期约 15 个工作日；现货 3 日内发出。', fulfilments: ['shipment'] },
  },
};

export async function seedStorefronts(
  tx: Tx,
  slug: string,
  businessId: string,
  storeIds: Record<string, string>,
) {
  for (const [code, s] of Object.entries(demoStorefronts[slug] ?? {})) {
    const storeId = storeIds[code];
    if (storeId) await tx.insert(storefronts).values({ storeId, businessId, ...s, updatedAt: new Date() });
  }
}

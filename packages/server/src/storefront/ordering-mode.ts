import { translate } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { businesses } from '../db/schema.ts';
import { storefronts } from '../db/storefront-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ValidationError } from '../lib/errors.ts';
import { defaultFulfilments } from './store-page.ts';

type Fulfilment = 'dine_in' | 'pickup' | 'delivery' | 'shipment';

/**
 * A customer's order must use a mode the store offers; dine-in needs the table from the QR code,
 * one of the store's tables when the store lists them. The phone's word is not taken for either.
 */
export async function assertOrderingMode(
  ctx: Ctx,
  db: DbOrTx,
  store: { id: string; businessId: string },
  fulfilment: Fulfilment,
  details: { tableNumber?: string },
) {
  const [settings] = await db.select().from(storefronts).where(eq(storefronts.storeId, store.id));
  // modes staff chose bind; without a choice only dine-in is refused where the kind has none (B2B)
  let offered: Fulfilment[] = settings?.fulfilments ?? ['pickup', 'delivery', 'shipment'];
  if (!settings?.fulfilments) {
    const [b] = await db
      .select({ kind: businesses.kind })
      .from(businesses)
      .where(eq(businesses.id, store.businessId));
    if (defaultFulfilments(b?.kind ?? 'restaurant').includes('dine_in')) offered = [...offered, 'dine_in'];
  }
  const fail = (
    field: string,
    code: string,
    key: Parameters<typeof translate>[1],
    vars?: Record<string, string>,
  ) => {
    throw new ValidationError([{ field, code, message: translate(ctx.locale, key, vars) }]);
  };
  if (!offered.includes(fulfilment)) fail('body.fulfilment', 'mode_not_offered', 'order.modeNotOffered');
  if (fulfilment !== 'dine_in') return;
  const table = details.tableNumber;
  if (!table) return fail('body.fulfilmentDetails.tableNumber', 'table_required', 'order.tableRequired');
  if (settings?.tables && !settings.tables.includes(table))
    fail('body.fulfilmentDetails.tableNumber', 'unknown_table', 'order.unknownTable', { table });
}

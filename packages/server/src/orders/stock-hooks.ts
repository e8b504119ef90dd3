import { and, eq, sql } from 'drizzle-orm';
import { stockLevels, stockMovements } from '../db/catalog-schema.ts';
import type { Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { newId } from '../lib/ids.ts';

type Held = { skuId: string; storeId: string; quantity: number };
type Who = { businessId: string; orderId: string; actorId: string | null; now: Date };

/** What the ledger says this order still holds, per SKU: the sum of its reservation movements. */
async function heldBy(tx: Tx, orderId: string): Promise<Held[]> {
  const rows = await tx
    .select({
      skuId: stockMovements.skuId,
      storeId: stockMovements.storeId,
      quantity: sql<number>`sum(${stockMovements.deltaReserved})::int`,
    })
    .from(stockMovements)
    .where(eq(stockMovements.orderId, orderId))
    .groupBy(stockMovements.skuId, stockMovements.storeId);
  return rows.filter((r) => r.quantity > 0).sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
}

async function settle(tx: Tx, who: Who, reason: 'release' | 'commit') {
  for (const h of await heldBy(tx, who.orderId)) {
    const shipped = reason === 'commit' ? h.quantity : 0;
    await tx
      .update(stockLevels)
      .set({
        reserved: sql`${stockLevels.reserved} - ${h.quantity}`,
        onHand: sql`${stockLevels.onHand} - ${shipped}`,
      })
      .where(and(eq(stockLevels.skuId, h.skuId), eq(stockLevels.storeId, h.storeId)));
    await tx.insert(stockMovements).values({
      id: newId(),
      businessId: who.businessId,
      skuId: h.skuId,
      storeId: h.storeId,
      deltaReserved: -h.quantity,
      deltaOnHand: -shipped,
      reason,
      orderId: who.orderId,
      actorId: who.actorId,
      at: who.now,
    });
  }
  await tx.update(orders).set({ stockReserved: false }).where(eq(orders.id, who.orderId));
}

/** Cancel, reject or return to draft: whatever the order holds goes back to available. */
export const releaseOrderStock = (tx: Tx, who: Who) => settle(tx, who, 'release');

/** Completion or shipment: the held quantity leaves the shelf (on hand and reserved both drop). */
export const commitOrderStock = (tx: Tx, who: Who) => settle(tx, who, 'commit');

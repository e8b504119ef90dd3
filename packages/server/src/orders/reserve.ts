import { and, eq, sql } from 'drizzle-orm';
import { stockLevels, stockMovements } from '../db/catalog-schema.ts';
import type { Tx } from '../db/connect.ts';
import { OutOfStockError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export type Want = { skuId: string; skuCode: string; quantity: number; field: string };

/**
 * Reserves every line's stock inside the order's transaction, one conditional UPDATE per SKU: the
 * row is changed only if enough is available, so no interleaving of orders, processes or servers can
 * oversell, and the order reserves all its lines or (by rolling back) none. SKUs are taken in id
 * order so two orders never wait on each other in a cycle.
 */
export async function reserveStock(
  tx: Tx,
  ctx: { businessId: string; storeId: string; orderId: string; actorId: string | null; now: Date },
  wants: Want[],
) {
  const bySku = new Map<string, Want>();
  for (const w of wants) {
    const prev = bySku.get(w.skuId);
    bySku.set(w.skuId, prev ? { ...prev, quantity: prev.quantity + w.quantity } : { ...w });
  }
  for (const w of [...bySku.values()].sort((a, b) => (a.skuId < b.skuId ? -1 : 1))) {
    const where = and(eq(stockLevels.skuId, w.skuId), eq(stockLevels.storeId, ctx.storeId));
    const updated = await tx
      .update(stockLevels)
      .set({ reserved: sql`${stockLevels.reserved} + ${w.quantity}` })
      .where(
        and(
          where,
          eq(stockLevels.tracked, true),
          sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${w.quantity}`,
        ),
      )
      .returning({ skuId: stockLevels.skuId });
    if (updated.length) {
      await tx.insert(stockMovements).values({
        id: newId(),
        businessId: ctx.businessId,
        skuId: w.skuId,
        storeId: ctx.storeId,
        deltaReserved: w.quantity,
        reason: 'reserve',
        orderId: ctx.orderId,
        actorId: ctx.actorId,
        at: ctx.now,
      });
      continue;
    }
    const [level] = await tx.select().from(stockLevels).where(where);
    if (level?.tracked)
      throw new OutOfStockError(w.skuCode, w.quantity, Math.max(0, level.onHand - level.reserved), w.field);
    // untracked (or no stock row at all): unlimited, nothing to reserve
  }
}

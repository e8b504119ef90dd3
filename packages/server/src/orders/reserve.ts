import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/connect.ts';
import { OutOfStockError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

export type Want = { skuId: string; skuCode: string; quantity: number; field: string };

type Outcome = { sku_id: string; took: boolean; tracked: boolean | null; available: number | null };

// uuids and integers only: safe as PostgreSQL array literals, one parameter on both drivers
const pgArray = (xs: (string | number)[]) => `{${xs.join(',')}}`;

/**
 * Reserves every line's stock inside the order's transaction, in one statement: the SKUs' stock
 * rows are locked in id order (so two orders never wait on each other in a cycle), each is changed
 * only if enough is available (so no interleaving of orders, processes or servers can oversell),
 * and the reservations' ledger rows are written with them. Any line short of stock fails the order,
 * which rolls back and so reserves none. Callers run it last before commit: the rows stay locked
 * until then, and a hot SKU is only as slow as that window is long.
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
  const all = [...bySku.values()];
  if (!all.length) return;
  // `ledger` runs though nothing reads it (a data-modifying WITH always runs to completion); the
  // final read of stock_levels sees the statement's snapshot: only the refusal's "available" uses it
  const rows = await queryRows<Outcome>(
    tx,
    sql`WITH want AS MATERIALIZED (
          SELECT * FROM unnest(${pgArray(all.map((w) => w.skuId))}::uuid[],
                               ${pgArray(all.map((w) => w.quantity))}::int[],
                               ${pgArray(all.map(() => newId(ctx.now.getTime())))}::uuid[]) AS w(sku_id, qty, movement_id)),
        locked AS MATERIALIZED (
          SELECT s.sku_id FROM stock_levels s
          WHERE s.store_id = ${ctx.storeId}::uuid AND s.sku_id IN (SELECT sku_id FROM want)
          ORDER BY s.sku_id FOR UPDATE),
        took AS (
          UPDATE stock_levels s SET reserved = s.reserved + w.qty
          FROM want w, locked l
          WHERE l.sku_id = w.sku_id AND s.sku_id = w.sku_id AND s.store_id = ${ctx.storeId}::uuid
            AND s.tracked AND s.on_hand - s.reserved >= w.qty
          RETURNING s.sku_id, w.qty, w.movement_id),
        ledger AS (
          INSERT INTO stock_movements (id, business_id, sku_id, store_id, delta_reserved, reason, order_id, actor_id, at)
          SELECT movement_id, ${ctx.businessId}::uuid, sku_id, ${ctx.storeId}::uuid, qty, 'reserve', ${ctx.orderId}::uuid,
                 ${ctx.actorId}::uuid, ${ctx.now.toISOString()}::timestamptz
          FROM took RETURNING sku_id)
        SELECT w.sku_id, t.sku_id IS NOT NULL AS took, s.tracked, s.on_hand - s.reserved AS available
        FROM want w
        LEFT JOIN took t ON t.sku_id = w.sku_id
        LEFT JOIN stock_levels s ON s.sku_id = w.sku_id AND s.store_id = ${ctx.storeId}::uuid`,
  );
  for (const w of all.sort((a, b) => (a.skuId < b.skuId ? -1 : 1))) {
    const r = rows.find((x) => x.sku_id === w.skuId);
    // untracked (or no stock row at all): unlimited, nothing to reserve
    if (!r || r.took || !r.tracked) continue;
    throw new OutOfStockError(w.skuCode, w.quantity, Math.max(0, Number(r.available ?? 0)), w.field);
  }
}

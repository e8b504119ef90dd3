import { createClient, routes } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import { stockLevels } from '../src/db/catalog-schema.ts';
import { type Db, queryRows } from '../src/db/connect.ts';
import { makeBusiness, makeUser, PASSWORD } from '../test/factories.ts';
import { loginAt } from './processes.ts';

/** A business with an admin, one SKU tracked at `stock` in store A, and optionally a webhook. */
export async function setUpShop(db: Db, url: string, opts: { stock: number; webhookUrl?: string }) {
  const biz = await makeBusiness(db, 'b2b');
  const admin = await makeUser(db, biz, [{ role: 'admin', scope: 'all' }]);
  const token = await loginAt(url, admin.username, PASSWORD);
  const client = createClient({ baseUrl: url, token: () => token });
  const p = await client.call(routes.createProduct, {
    body: { name: 'Scarce', skus: [{ code: 'SC-1', price: 1000 }] },
  });
  const skuId = p.skus[0]!.id;
  await client.call(routes.adjustStock, {
    body: { storeId: biz.storeA, skuId, mode: 'track', quantity: opts.stock, reason: 'tracking' },
  });
  if (opts.webhookUrl) {
    await client.call(routes.createWebhook, { body: { url: opts.webhookUrl, events: ['new_order'] } });
    await client.call(routes.updateNotificationSettings, {
      body: { events: { new_order: { to: ['store_staff'], channels: ['webhook'] } } },
    });
  }
  return { biz, admin, token, skuId };
}

export const orderBody = (storeId: string, skuId: string, quantity = 1) => ({
  storeId,
  fulfilment: 'pickup',
  lines: [{ skuId, quantity }],
});

/** What the database says about one SKU's stock: the level row, and the ledger of reservations. */
export async function stockOf(db: Db, skuId: string) {
  const [level] = await db.select().from(stockLevels).where(eq(stockLevels.skuId, skuId));
  const [ledger] = await queryRows<{ reserved: number; orders: number; lines: number }>(
    db,
    sql`SELECT
      (SELECT coalesce(sum(delta_reserved), 0)::int FROM stock_movements WHERE sku_id = ${skuId}) AS reserved,
      (SELECT count(DISTINCT order_id)::int FROM order_lines WHERE sku_id = ${skuId}) AS orders,
      (SELECT coalesce(sum(quantity), 0)::int FROM order_lines WHERE sku_id = ${skuId}) AS lines`,
  );
  return { onHand: level!.onHand, reserved: level!.reserved, ledger: ledger! };
}

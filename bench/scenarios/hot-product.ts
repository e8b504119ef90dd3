import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/server/src/db/connect.ts';
import { HOT_STOCK, resetHot } from '../lib/db.ts';
import { load } from '../lib/load.ts';
import type { Scenario } from '../lib/types.ts';
import { onPostgres, stopAll } from './shared.ts';

/**
 * 1,000 orders at once, each taking one unit of the same SKU (stock 100) and two random ones:
 * exactly 100 must succeed (asserted: the run fails otherwise), the rest are refused as out of
 * stock; throughput against the order-submission figure at 64 connections.
 */
export const hotProduct: Scenario = {
  name: 'hot product',
  async run(env) {
    const orders = env.quick ? 300 : 1000;
    const r = await onPostgres(env);
    try {
      await resetHot(r.database, r.cat);
      const [res] = await load({
        kind: 'orders',
        base: r.server.base,
        token: r.token,
        storeId: r.cat.storeId,
        skuIds: r.cat.skuIds,
        hotSkuId: r.cat.hotSkuId,
        connections: orders,
        amount: orders,
      });
      const [level] = await queryRows<{ reserved: number }>(
        r.database.db,
        sql`SELECT reserved FROM stock_levels WHERE sku_id = ${r.cat.hotSkuId} AND store_id = ${r.cat.storeId}`,
      );
      const ok = res!.statuses['201'] ?? 0;
      const refused = res!.statuses['409'] ?? 0;
      env.log(
        `  ${orders} orders on ${HOT_STOCK} units: ${ok} created, ${refused} out of stock, ` +
          `reserved ${level?.reserved}, answers ${JSON.stringify(res!.statuses)}, ${res!.errors} errors`,
      );
      if (ok !== HOT_STOCK || level?.reserved !== HOT_STOCK)
        throw new Error(
          `hot product: expected exactly ${HOT_STOCK} orders and ${HOT_STOCK} reserved, got ${ok} and ${level?.reserved}`,
        );
      const base = env.seen.get('submission/64');
      const conditions = `${orders} concurrent connections, 1 order each, stock ${HOT_STOCK}, PostgreSQL`;
      return [
        { name: 'succeeded', value: ok, unit: 'orders', goal: { op: '=', value: HOT_STOCK }, conditions },
        {
          name: 'orders/s (all answers)',
          value: res!.perSecond,
          unit: 'orders/s',
          ...(base ? { ceiling: { name: 'submission @64', value: base, goal: 0.5 } } : {}),
          conditions,
        },
        { name: 'p99', value: res!.p99, unit: 'ms', conditions },
        // connections the loaded machine dropped or timed out before an answer: not orders either way
        { name: 'no answer', value: orders - ok - refused, unit: 'requests', conditions },
      ];
    } finally {
      await stopAll(r);
    }
  },
};

import { ceiling } from '../lib/ceiling.ts';
import { load } from '../lib/load.ts';
import { cpuSecondsOf } from '../lib/server.ts';
import type { Figure, Scenario } from '../lib/types.ts';
import { onPostgres, postOrder, stopAll } from './shared.ts';

/**
 * Order submission on PostgreSQL through a real `orderloop start`: 3-line orders on random SKUs of
 * 1,000 with tracked stock, an idempotency key each, at 16 and 64 connections; against the raw-SQL
 * ceiling (the same rows in one transaction from a pg script) at the same concurrency.
 */
export const submission: Scenario = {
  name: 'order submission',
  async run(env) {
    const seconds = env.quick ? 4 : 12;
    const r = await onPostgres(env);
    const figures: Figure[] = [];
    try {
      const templateOrderId = await postOrder(r, r.cat.skuIds.slice(0, 3));
      // warm the server's JIT and pools up before measuring
      await load({
        kind: 'orders',
        base: r.server.base,
        token: r.token,
        ...r.cat,
        hotSkuId: undefined,
        connections: 16,
        seconds: 2,
      });
      for (const connections of [16, 64]) {
        const cpu0 = cpuSecondsOf(r.server.pid);
        const [api] = await load({
          kind: 'orders',
          base: r.server.base,
          token: r.token,
          storeId: r.cat.storeId,
          skuIds: r.cat.skuIds,
          connections,
          seconds,
        });
        const cpu = cpuSecondsOf(r.server.pid) - cpu0;
        const raw = await ceiling({
          dbUrl: env.dbUrl,
          templateOrderId,
          storeId: r.cat.storeId,
          skuIds: r.cat.skuIds,
          connections,
          seconds,
        });
        const ok = api!.statuses['201'] ?? 0;
        const perSecond = ok / api!.seconds;
        const cpuMs = ok ? (cpu * 1000) / ok : null;
        const conditions = `${connections} connections, ${seconds} s, 3 lines, PostgreSQL`;
        env.seen.set(`submission/${connections}`, perSecond);
        env.log(
          `  ${connections} conn: API ${Math.round(perSecond)}/s (goal ≥ 1000; ${(perSecond / raw.perSecond).toFixed(2)}× raw SQL, goal ≥ 0.6×), ` +
            `p99 ${Math.round(api!.p99)} ms (goal ≤ 100), ${JSON.stringify(api!.statuses)}, ${api!.errors} errors; ` +
            `raw SQL ${Math.round(raw.perSecond)}/s (${raw.errors} errors); server CPU ${cpuMs?.toFixed(1) ?? '–'} ms/order`,
        );
        figures.push(
          {
            name: `orders/s @${connections}`,
            value: ok / api!.seconds,
            unit: 'orders/s',
            goal: { op: '>=', value: 1000 },
            ceiling: { name: 'raw SQL', value: raw.perSecond, goal: 0.6 },
            conditions,
          },
          {
            name: `p99 @${connections}`,
            value: api!.p99,
            unit: 'ms',
            goal: { op: '<=', value: 100 },
            conditions,
          },
          {
            name: `server CPU/order @${connections}`,
            value: cpuMs,
            unit: 'ms',
            conditions: `${conditions}; CPU of the API process (user + system) over the run, per order created`,
          },
          {
            name: `failed @${connections}`,
            value: api!.requests - ok + api!.errors,
            unit: 'requests',
            goal: { op: '=', value: 0 },
            conditions,
          },
        );
      }
    } finally {
      await stopAll(r);
    }
    return figures;
  },
};

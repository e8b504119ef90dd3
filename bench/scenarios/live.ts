import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/server/src/db/connect.ts';
import { load } from '../lib/load.ts';
import type { Scenario } from '../lib/types.ts';
import { onPostgres, stopAll } from './shared.ts';

type SseResult = {
  connected: number;
  deliveries: number;
  missed: number;
  p50: number;
  p99: number;
  max: number;
};

/**
 * 500 event-stream clients (in their own process) while orders are accepted at 50 transitions/s
 * through the API: the time from the event's timestamp (taken in the committing transaction) to
 * its receipt by each client, and how many (client, event) pairs never arrived.
 */
export const live: Scenario = {
  name: 'live updates',
  async run(env) {
    const clients = env.quick ? 100 : 500;
    const seconds = env.quick ? 4 : 10;
    const rate = 50;
    const count = rate * seconds;
    const r = await onPostgres(env);
    try {
      const pick = () =>
        queryRows<{ id: string }>(
          r.database.db,
          sql`SELECT id FROM orders WHERE store_id = ${r.cat.storeId} AND state = 'submitted' ORDER BY created_at DESC LIMIT ${count}`,
        );
      let orders = await pick();
      if (orders.length < count) {
        await load({
          kind: 'orders',
          base: r.server.base,
          token: r.token,
          storeId: r.cat.storeId,
          skuIds: r.cat.skuIds,
          connections: 16,
          amount: count - orders.length,
        });
        orders = await pick();
      }
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/lib/sse-worker.ts',
          JSON.stringify({ base: r.server.base, token: r.token, clients, orderIds: orders.map((o) => o.id) }),
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      if ((await lines.next()).value !== 'ready') throw new Error('event-stream clients did not connect');
      const t0 = performance.now();
      const failures: string[] = [];
      await Promise.all(
        orders.map(async (o, i) => {
          await sleep(t0 + (i * 1000) / rate - performance.now());
          const res = await fetch(`${r.server.base}/api/orders/${o.id}/transitions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
            body: JSON.stringify({ action: 'accept' }),
          });
          if (!res.ok) failures.push(`${res.status} ${(await res.text()).slice(0, 120)}`);
          else await res.arrayBuffer();
        }),
      );
      const achieved = orders.length / ((performance.now() - t0) / 1000);
      const sent = orders.map((o) => o.id);
      child.stdin!.write(`${JSON.stringify(sent)}\n`);
      const res = JSON.parse((await lines.next()).value as string) as SseResult;
      env.log(
        `  ${res.connected} clients, ${orders.length} transitions at ${achieved.toFixed(0)}/s (${failures.length} failed${failures[0] ? `: ${failures[0]}` : ''}), ` +
          `${res.deliveries} deliveries, ${res.missed} missed, p50 ${res.p50} ms, p99 ${res.p99} ms`,
      );
      const conditions = `${res.connected} clients, ${orders.length} transitions at ${achieved.toFixed(0)}/s, PostgreSQL`;
      return [
        {
          name: 'commit→delivery p99',
          value: res.p99,
          unit: 'ms',
          goal: { op: '<=', value: 500 },
          conditions,
        },
        { name: 'commit→delivery max', value: res.max, unit: 'ms', conditions },
        {
          name: 'missed deliveries',
          value: res.missed + failures.length * res.connected,
          unit: 'events',
          goal: { op: '=', value: 0 },
          conditions,
        },
      ];
    } finally {
      await stopAll(r);
    }
  },
};

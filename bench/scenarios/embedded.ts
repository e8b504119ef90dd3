import { benchCatalog, prepareBase } from '../lib/db.ts';
import { load } from '../lib/load.ts';
import { cpuSecondsOf, login, startServer } from '../lib/server.ts';
import type { Scenario } from '../lib/types.ts';
import { tempDir } from './shared.ts';

/**
 * The embedded database: `orderloop start` with no DATABASE_URL on an empty data folder, timed from
 * spawn to the first ready answer (migrations included); then order submission on PGlite (the
 * folder prepared with the bench catalog first, then served by `orderloop start`).
 */
export const embedded: Scenario = {
  name: 'embedded',
  async run(env) {
    const seconds = env.quick ? 4 : 10;
    // PGLITE_TEMPLATE=off builds the database from scratch (initdb + every migration), as a machine's
    // very first start does; every later empty data folder starts from a copy of the kept template
    const first = await startServer({ dataDir: tempDir('first'), env: { PGLITE_TEMPLATE: 'off' } });
    await first.stop();
    // (preparing the bench folder also keeps the template when this machine has none yet)
    const dataDir = tempDir('pglite');
    const database = await prepareBase({ dataDir });
    const cat = await benchCatalog(database);
    await database.close();
    const cold = await startServer({ dataDir: tempDir('cold') });
    await cold.stop();
    env.log(
      `  cold start to ready: ${(cold.readyMs / 1000).toFixed(2)} s (goal ≤ 5 s), ${cold.cpuSeconds.toFixed(2)} s CPU; ` +
        `without the kept template ${(first.readyMs / 1000).toFixed(2)} s`,
    );

    const server = await startServer({ dataDir });
    try {
      const token = await login(server.base);
      const job = {
        kind: 'orders' as const,
        base: server.base,
        token,
        storeId: cat.storeId,
        skuIds: cat.skuIds,
      };
      await load({ ...job, connections: 16, seconds: 2 }); // warm-up
      const cpu0 = cpuSecondsOf(server.pid);
      const [res] = await load({ ...job, connections: 16, seconds });
      const cpu = cpuSecondsOf(server.pid) - cpu0;
      const ok = res!.statuses['201'] ?? 0;
      // PGlite runs inside the server process: its CPU per order is the whole cost of one
      const cpuMs = ok ? (cpu * 1000) / ok : null;
      env.log(
        `  PGlite: ${Math.round(ok / res!.seconds)}/s (goal ≥ 500), answers ${JSON.stringify(res!.statuses)}, ` +
          `${res!.errors} errors; server+database CPU ${cpuMs?.toFixed(1) ?? '–'} ms/order`,
      );
      const conditions = `PGlite in the server process, 16 connections, ${seconds} s, 3 lines`;
      return [
        {
          name: 'orders/s on PGlite',
          value: ok / res!.seconds,
          unit: 'orders/s',
          goal: { op: '>=', value: 500 },
          conditions,
        },
        { name: 'p99 on PGlite', value: res!.p99, unit: 'ms', conditions },
        {
          name: 'CPU/order on PGlite',
          value: cpuMs,
          unit: 'ms',
          conditions: `${conditions}; CPU of the process (server and PGlite), per order created`,
        },
        {
          name: 'cold start to ready',
          value: cold.readyMs / 1000,
          unit: 's',
          goal: { op: '<=', value: 5 },
          conditions: 'empty data folder, PGlite from the kept template, node --import tsx',
        },
        {
          name: 'first start, no template',
          value: first.readyMs / 1000,
          unit: 's',
          conditions: 'PGLITE_TEMPLATE=off: initdb and every migration, as on a machine that never started',
        },
        {
          name: 'cold start CPU',
          value: cold.cpuSeconds,
          unit: 's',
          conditions: 'CPU (user + system) of the server process from spawn to ready',
        },
      ];
    } finally {
      await server.stop();
    }
  },
};

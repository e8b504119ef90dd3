import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../packages/server/src/db/connect.ts';
import { type BenchCatalog, benchCatalog, prepareBase } from '../lib/db.ts';
import { login, type Server, startServer } from '../lib/server.ts';
import type { BenchEnv } from '../lib/types.ts';

export type Running = { server: Server; token: string; cat: BenchCatalog; database: Database };

/** A fresh temporary data folder. */
export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `ol-bench-${prefix}-`));

/** `orderloop start` on the bench PostgreSQL database, with a token of the restaurant's admin. */
export async function onPostgres(env: BenchEnv, serverEnv?: Record<string, string>): Promise<Running> {
  const database = await prepareBase({ url: env.dbUrl });
  const cat = await benchCatalog(database);
  const server = await startServer({ databaseUrl: env.dbUrl, dataDir: tempDir('pg'), env: serverEnv });
  return { server, token: await login(server.base), cat, database };
}

export async function stopAll(r: Running) {
  await r.server.stop();
  await r.database.close();
}

/** One 3-line order through the API; its id. */
export async function postOrder(r: Running, skuIds: string[]): Promise<string> {
  const res = await fetch(`${r.server.base}/api/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${r.token}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      storeId: r.cat.storeId,
      fulfilment: 'pickup',
      lines: skuIds.map((skuId) => ({ skuId, quantity: 1 })),
    }),
  });
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`order answered ${res.status}: ${JSON.stringify(body)}`);
  return body.id;
}

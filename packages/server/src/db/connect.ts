import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as attachmentSchema from './attachment-schema.ts';
import * as catalog from './catalog-schema.ts';
import * as complaintSchema from './complaint-schema.ts';
import * as exceptionsSchema from './exceptions-schema.ts';
import { type Listener, postgresListener, type Unlisten } from './listen.ts';
import * as notifySchema from './notify-schema.ts';
import * as ordersSchema from './order-schema.ts';
import * as orderTools from './order-tools-schema.ts';
import { readTemplate, saveTemplate } from './pglite-template.ts';
import * as reportSchema from './report-schema.ts';
import * as core from './schema.ts';
import * as workflowSchema from './workflow-schema.ts';

export const schema = {
  ...core,
  ...catalog,
  ...ordersSchema,
  ...workflowSchema,
  ...attachmentSchema,
  ...orderTools,
  ...notifySchema,
  ...complaintSchema,
  ...exceptionsSchema,
  ...reportSchema,
};
type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs one multi-statement SQL script (migrations, test setup). */
  exec: (script: string) => Promise<void>;
  /**
   * LISTEN/NOTIFY: calls `fn` with each payload NOTIFYed on `channel` (by any process on
   * PostgreSQL; in process on PGlite). An empty payload means "notifications may have been missed".
   */
  listen: (channel: string, fn: Listener) => Promise<Unlisten>;
  close: () => Promise<void>;
  /** A brand-new PGlite database not made from the template: `migrate` keeps it as the template. */
  keepAsTemplate?: () => Promise<void>;
};

export type DbTarget = { url: string } | { dataDir: string } | { memory: true };

export async function connectDatabase(target: DbTarget, poolSize = 10): Promise<Database> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: poolSize });
    // an idle client's network error must not crash the process; the next query reports it
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const listener = postgresListener(target.url);
    return {
      db,
      driver: 'postgres',
      exec: async (script) => {
        await pool.query(script);
      },
      listen: listener.listen,
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const dir = 'dataDir' in target ? path.join(target.dataDir, 'pglite') : null;
  const fresh = !dir || !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const template = fresh ? readTemplate() : undefined;
  const options = { extensions: { pg_trgm }, loadDataDir: template };
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const client = dir ? new PGlite(dir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    exec: async (script) => {
      await client.exec(script);
    },
    listen: async (channel, fn) => {
      const stop = await client.listen(channel, fn);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: () => client.close(),
    keepAsTemplate: fresh && !template ? () => saveTemplate(client) : undefined,
  };
}

/** Raw SQL rows; both drivers answer `{ rows }`, the shared type just cannot say so. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

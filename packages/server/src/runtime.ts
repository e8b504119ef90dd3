import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { connectDatabase, type Database, type DbTarget } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { pruneRateLimits } from './identity/rate-limit.ts';
import { systemClock } from './lib/clock.ts';
import { startTimerLoop } from './workflow/timers.ts';

export const consoleDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../console/dist');

export const dbTarget = (config: Config): DbTarget =>
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir };

export async function openDatabase(config: Config, log: (m: string) => void): Promise<Database> {
  const database = await connectDatabase(dbTarget(config), config.dbPoolSize);
  await migrate(database, log);
  return database;
}

/** Serves the console's production build at `/` (one origin, no CORS), SPA fallback for its routes. */
async function serveConsole(app: FastifyInstance) {
  if (!fs.existsSync(path.join(consoleDist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: consoleDist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
  });
  app.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  return true;
}

export async function startServer(config: Config, before?: (database: Database) => Promise<void>) {
  const database = await openDatabase(config, (m) => console.log(m));
  await before?.(database);
  const app = await buildApp({ config, database, clock: systemClock });
  const hasConsole = await serveConsole(app);
  await app.listen({ host: config.host, port: config.port });
  const timerLoop = startTimerLoop({ db: database.db, clock: systemClock, config, log: app.log });
  const prune = setInterval(() => void pruneRateLimits(database.db, new Date()).catch(() => {}), 3_600_000);
  prune.unref();
  const stop = async () => {
    clearInterval(prune);
    timerLoop.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, database, hasConsole };
}

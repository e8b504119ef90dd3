import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { connectDatabase, type Database, type DbTarget } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import type { Deps } from './http/context.ts';
import { pruneRateLimits } from './identity/rate-limit.ts';
import { systemClock } from './lib/clock.ts';
import { EVENTS_CHANNEL } from './live/hub.ts';
import { closeMailTransports } from './notifications/email.ts';
import { startDeliveryLoop } from './notifications/worker.ts';
import { startReportLoop } from './reports/refresh.ts';
import { serveMiniappSite } from './storefront/miniapp-site.ts';
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

/**
 * The background work of a process: timers and outbox delivery. The outbox is also worked as soon
 * as a change commits (its NOTIFY), not only on the next tick.
 */
export async function startBackground(deps: Deps, database: Database) {
  const timerLoop = startTimerLoop(deps);
  const delivery = startDeliveryLoop(deps);
  const reports = startReportLoop(deps);
  const unlisten = await database.listen(EVENTS_CHANNEL, () => void delivery.tick());
  return {
    stop: async () => {
      timerLoop.stop();
      reports.stop();
      await unlisten();
      await delivery.stop();
      closeMailTransports();
    },
  };
}

export async function startServer(config: Config, before?: (database: Database) => Promise<void>) {
  const database = await openDatabase(config, (m) => console.log(m));
  await before?.(database);
  const app = await buildApp({ config, database, clock: systemClock });
  const hasConsole = await serveConsole(app);
  const hasMiniapp = await serveMiniappSite(app);
  await app.listen({ host: config.host, port: config.port });
  // WORKER_IN_PROCESS=false when `orderloop worker` runs the background work elsewhere
  const background = config.workerInProcess
    ? await startBackground({ db: database.db, clock: systemClock, config, log: app.log }, database)
    : null;
  const prune = setInterval(() => void pruneRateLimits(database.db, new Date()).catch(() => {}), 3_600_000);
  prune.unref();
  const stop = async () => {
    clearInterval(prune);
    await background?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, database, hasConsole, hasMiniapp };
}

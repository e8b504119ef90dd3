import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { buildOpenApi, routes } from '@orderloop/contract';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { attachmentEndpoints } from './attachments/routes.ts';
import { createStorage } from './attachments/storage.ts';
import { auditEndpoints } from './audit/routes.ts';
import { catalogEndpoints } from './catalog/routes.ts';
import { complaintEndpoints } from './complaints/routes.ts';
import type { Config } from './config.ts';
import { customerEndpoints } from './customers/routes.ts';
import type { Database } from './db/connect.ts';
import { exceptionEndpoints } from './exceptions/routes.ts';
import type { Deps } from './http/context.ts';
import { clientError, installErrorHandling, routerError } from './http/error-handler.ts';
import { type Endpoint, mount } from './http/register.ts';
import { identityEndpoints } from './identity/routes.ts';
import { integrationEndpoints } from './integrations/routes.ts';
import type { Clock } from './lib/clock.ts';
import { createHub } from './live/hub.ts';
import { liveEndpoints } from './live/routes.ts';
import { mobileEndpoints } from './mobile/routes.ts';
import { notificationEndpoints } from './notifications/routes.ts';
import { orderBulkUpdateEndpoints } from './order-bulk-update/routes.ts';
import { orderExportEndpoints } from './order-export/routes.ts';
import { createExportRunner } from './order-export/runner.ts';
import { orderEndpoints } from './orders/routes.ts';
import { paymentEndpoints } from './payments/routes.ts';
import { quoteEndpoints } from './pricing/routes.ts';
import { reportEndpoints } from './reports/routes.ts';
import { roleEndpoints } from './roles/routes.ts';
import { savedViewEndpoints } from './saved-views/routes.ts';
import { storefrontEndpoints } from './storefront/routes.ts';
import { storeEndpoints } from './stores/routes.ts';
import { systemEndpoints } from './system/routes.ts';
import { userEndpoints } from './users/routes.ts';
import { delegationEndpoints } from './workflow/delegation-routes.ts';
import { workflowEndpoints } from './workflow/routes.ts';

export const VERSION = '0.1.0';

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    /** Every route the server answers, for the contract-coverage test. */
    registeredRoutes: { method: string; url: string }[];
  }
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export type AppOptions = { config: Config; database: Database; clock: Clock; logger?: boolean | object };

export async function buildApp({ config, database, clock, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // refusals before routing are problems too (found by the reliability fuzzing)
    frameworkErrors: routerError,
    clientErrorHandler: clientError,
    trustProxy: config.trustProxy,
    // genReqId reads the header itself: Fastify would otherwise echo any caller value unchecked
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'reqId',
      disableRequestLogging: config.env === 'test',
    }),
    // a caller's id is kept (for tracing across services) only when it looks like one
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const registered: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') registered.push({ method, url: r.url });
  });
  app.decorate('registeredRoutes', registered);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Only JSON bodies are accepted; anything else is a clear 415, not a parse guess.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app, config.bodyLimit);
  await app.register(fastifyCookie);

  const document = buildOpenApi(routes, { version: VERSION });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => document);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const deps: Deps = { db: database.db, clock, config, log: app.log };
  // background exports run in this process: from start-up (picking up what a previous run left) to close
  const exportRunner = createExportRunner(deps);
  app.addHook('onReady', () => exportRunner.start());
  app.addHook('onClose', () => exportRunner.stop());
  // live streams of this process; ended before the server closes, or close would wait on them
  const hub = createHub(database, app.log);
  app.addHook('preClose', async () => {
    await hub.close();
  });
  const endpoints: Endpoint[] = [
    ...systemEndpoints(database),
    ...identityEndpoints,
    ...userEndpoints,
    ...roleEndpoints,
    ...storeEndpoints,
    ...customerEndpoints,
    ...auditEndpoints,
    ...catalogEndpoints,
    ...quoteEndpoints,
    ...orderEndpoints,
    ...workflowEndpoints,
    ...attachmentEndpoints(createStorage(config), config),
    ...orderExportEndpoints(exportRunner),
    ...savedViewEndpoints,
    ...orderBulkUpdateEndpoints,
    ...storefrontEndpoints,
    ...notificationEndpoints,
    ...liveEndpoints(hub),
    ...complaintEndpoints(createStorage(config), config),
    ...exceptionEndpoints,
    ...delegationEndpoints,
    ...reportEndpoints,
    ...mobileEndpoints,
    ...paymentEndpoints,
    ...integrationEndpoints,
  ];
  // The contract and the server must agree exactly: a route without a handler is a start-up error.
  const handled = new Set(endpoints.map((e) => e.route));
  const missing = Object.entries(routes).filter(([, r]) => !handled.has(r));
  if (missing.length)
    throw new Error(`contract routes without a handler: ${missing.map(([k]) => k).join(', ')}`);
  for (const e of endpoints) mount(app, deps, e);
  return app;
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const miniappDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../miniapp/dist/h5',
);

// Taro names every script, style and image by its content hash: those may be cached for good;
// index.html must be asked for again, so a new build is picked up on the next visit.
const HASHED = /\.[0-9a-f]{8}\.(js|css|png|jpe?g|svg|gif|webp|woff2?)$/;
const FOREVER = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the mini-program's H5 build under `/m/` beside the API (one origin, so no CORS); any other
 * path under `/m/` answers index.html (the router lives in the hash, but links may carry a path).
 * Returns false when there is no build.
 */
export async function serveMiniappSite(app: FastifyInstance, dist = miniappDist) {
  const indexFile = path.join(dist, 'index.html');
  if (!fs.existsSync(indexFile)) return false;
  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('cache-control', REVALIDATE)
      .type('text/html; charset=utf-8')
      .send(fs.createReadStream(indexFile));
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: dist,
      prefix: '/m/',
      // the console's static plugin may already decorate the reply
      decorateReply: false,
      wildcard: false,
      index: false,
      cacheControl: false,
      // @fastify/static 10 hands the reply here (its types still say ServerResponse)
      setHeaders: (res, file) => {
        (res as unknown as FastifyReply).header('cache-control', HASHED.test(file) ? FOREVER : REVALIDATE);
      },
    });
    scope.get('/m', (_req, reply) => reply.redirect('/m/'));
    scope.get('/m/', (_req, reply) => sendIndex(reply));
    scope.get('/m/*', (req, reply) =>
      // a missing asset is a 404, not a page
      /^\/m\/(js|css|static)\//.test(req.url) ? reply.callNotFound() : sendIndex(reply),
    );
  });
  return true;
}

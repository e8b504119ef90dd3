import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { serveMiniappSite } from '../src/storefront/miniapp-site.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderloop-h5-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function appWith(dist: string) {
  const app = Fastify();
  // as `orderloop start` does: the console at `/` with its own SPA fallback, the mini-program beside it
  const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderloop-console-'));
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<html>console</html>');
  await app.register(fastifyStatic, { root: consoleDir, prefix: '/', wildcard: false });
  app.get('/*', (_req, reply) => reply.sendFile('index.html'));
  const served = await serveMiniappSite(app, dist);
  return { app, served };
}

describe('the H5 build under /m/', () => {
  it('is not mounted when there is no build', async () => {
    const { app, served } = await appWith(path.join(dir, 'missing'));
    expect(served).toBe(false);
    expect((await app.inject('/m/')).body).toBe('<html>console</html>');
    await app.close();
  });

  it('serves index.html, hashed assets for good, and index.html for other paths', async () => {
    fs.mkdirSync(path.join(dir, 'js'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<html>miniapp</html>');
    fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), 'console.log(1)');
    const { app, served } = await appWith(dir);
    expect(served).toBe(true);

    const index = await app.inject('/m/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toBe('<html>miniapp</html>');
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['cache-control']).toBe('no-cache');

    const js = await app.inject('/m/js/app.0123abcd.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const deep = await app.inject('/m/pages/order/index?id=1');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe('<html>miniapp</html>');

    expect((await app.inject('/m/js/gone.deadbeef.js')).statusCode).toBe(404);
    expect((await app.inject('/m')).headers.location).toBe('/m/');
    // the console keeps every other path
    expect((await app.inject('/orders')).body).toBe('<html>console</html>');
    await app.close();
  });
});

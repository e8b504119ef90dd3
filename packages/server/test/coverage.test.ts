import { routes } from '@orderloop/contract';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const own = (url: string) => !url.startsWith('/api/docs') && url !== '/api/openapi.json';

describe('contract coverage', () => {
  it('the server answers exactly the routes of the contract', () => {
    const served = s.app.registeredRoutes
      .filter((r) => own(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const declared = Object.values(routes)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served).toEqual(declared);
  });

  it('serves an OpenAPI 3.1 document that validates and lists every route', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as any;
    const v = new Validator();
    const result = await v.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(v.version).toBe('3.1');
    for (const [key, r] of Object.entries(routes)) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${key} missing from OpenAPI`).toBe(key);
    }
  });

  it('serves interactive docs', async () => {
    const res = await fetch(`${s.url}/api/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/swagger/i);
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = (await (await fetch(`${s.url}/readyz`)).json()) as {
      migrations: { applied: number; expected: number };
    };
    expect(ready).toMatchObject({ status: 'ready', database: { ok: true }, migrations: { ok: true } });
    expect(ready.migrations.applied).toBe(ready.migrations.expected);
  });
});

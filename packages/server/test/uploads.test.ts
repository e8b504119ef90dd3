import { type ApiClient, routes } from '@orderloop/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV, csvOf, upload, XLSX } from './catalog-files.ts';
import { problemOf } from './expect-problem.ts';
import { makeBusiness, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// The route table's file upload and download mechanism, through the catalog routes that use it:
// the type is judged by content, limits and CSRF are enforced before the body is read.
let s: TestServer;
let biz: TestBusiness;
let admin: ApiClient;

beforeAll(async () => {
  s = await startTestServer();
  biz = await makeBusiness(s.database.db);
  admin = await s.loginToken(
    (await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }])).username,
    PASSWORD,
  );
});
afterAll(() => s.close());

describe('file uploads and downloads', () => {
  it('refuses a file that is not a spreadsheet, whatever its name or type says', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const p = await problemOf(upload(admin, png, { type: CSV }));
    expect([p.status, p.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(p.detail).toMatch(/not a CSV or XLSX|不是 CSV 或 XLSX/);
  });

  it('refuses a non-spreadsheet content type (415) and an empty body (400)', async () => {
    const token = (admin as ApiClient & { token: string }).token;
    const post = (body: string | undefined, type?: string) =>
      fetch(`${s.url}${routes.importCatalog.path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'en',
          ...(type ? { 'content-type': type } : {}),
        },
        body,
      });
    const json = await post('{"rows":[]}', 'application/json');
    expect(json.status).toBe(415);
    expect(((await json.json()) as { detail: string }).detail).toBe(
      `Content type application/json is not accepted here; send one of: ${CSV}, ${XLSX}, application/octet-stream.`,
    );
    const empty = await post(undefined);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe('body');
  });

  it('refuses an upload over 5 MB with 413, naming the limit', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a,b\r\n');
    const p = await problemOf(upload(admin, big, { type: 'application/octet-stream', lang: 'en' }));
    expect([p.status, p.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(p.detail).toBe(`The body is larger than the limit of ${5 * 1024 * 1024} bytes.`);
  });

  it('checks the CSRF token of a cookie session before reading the upload', async () => {
    const { username } = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const cookie = await s.loginCookie(username, PASSWORD);
    const file = csvOf([
      ['分类', '商品名称', 'SKU编码', '价格'],
      ['', 'CSRF', 'CSRF-1', '1'],
    ]);
    const p = await problemOf(upload(cookie.withoutCsrf, file));
    expect(p.code).toBe('CSRF_FAILED');
    expect((await upload(cookie, file, { dryRun: true })).skus.created).toBe(1);
  });

  it('describes the upload and the download in OpenAPI', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as any;
    const imp = doc.paths['/api/catalog/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual([CSV, XLSX, 'application/octet-stream']);
    expect(imp.requestBody.content[CSV].schema).toEqual({ type: 'string', format: 'binary' });
    expect(imp.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun']);
    const exp = doc.paths['/api/catalog/export'].get;
    expect(Object.keys(exp.responses['200'].content)).toEqual([CSV, XLSX]);
  });
});

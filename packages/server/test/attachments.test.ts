import fs from 'node:fs';
import path from 'node:path';
import { type ApiClient, routes } from '@orderloop/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, exportAs, XLSX } from './catalog-files.ts';
import { problemOf, statusOf } from './expect-problem.ts';
import { makeBusiness, makeRole, makeUser, PASSWORD, type TestBusiness } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

// Photos and files on orders and products: type by content, size limit, thumbnails, who may see
// and remove them (staff by the parent's permission and scope, customers their own orders), audit.
let s: TestServer;
let biz: TestBusiness;
type Client = ApiClient & { token: string };
const c = {} as Record<
  'admin' | 'coordA' | 'coordB' | 'rep1' | 'reader' | 'catReader' | 'otherAdmin',
  Client
>;
const ids = {} as Record<'orderA' | 'orderB' | 'orderRep1' | 'product' | 'custOrder1' | 'custOrder2', string>;
let cust1: ApiClient;
let cust2: ApiClient;

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

const attach = (client: ApiClient, orderId: string, data: Buffer, filename: string, contentType?: string) =>
  client.call(routes.uploadOrderAttachment, {
    params: { id: orderId },
    file: { data, filename, contentType },
  });
const list = async (client: ApiClient, orderId: string) =>
  (await client.call(routes.listOrderAttachments, { params: { id: orderId } })).items;
const raw = (p: string, token: string, init: RequestInit = {}) =>
  fetch(`${s.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

beforeAll(async () => {
  s = await startTestServer({ env: { LOGIN_IP_LIMIT: '1000' } });
  const db = s.database.db;
  biz = await makeBusiness(db);
  const login = async (grants: Parameters<typeof makeUser>[2]) =>
    s.loginToken((await makeUser(db, biz, grants)).username, PASSWORD);
  c.admin = await login([{ role: 'admin', scope: 'all' }]);
  c.coordA = await login([{ role: 'coordinator', scope: 'store', storeId: biz.storeA }]);
  c.coordB = await login([{ role: 'coordinator', scope: 'store', storeId: biz.storeB }]);
  c.rep1 = await login([{ role: 'sales_rep', scope: 'own', storeId: biz.storeA }]);
  c.reader = await login([{ role: await makeRole(db, biz, ['orders.read']), scope: 'all' }]);
  c.catReader = await login([{ role: await makeRole(db, biz, ['catalog.read']), scope: 'all' }]);
  const other = await makeBusiness(db);
  c.otherAdmin = await s.loginToken(
    (await makeUser(db, other, [{ role: 'admin', scope: 'all' }])).username,
    PASSWORD,
  );
  const p = await c.admin.call(routes.createProduct, {
    body: { name: 'Steel bracket', skus: [{ code: 'BR-1', price: 1200 }] },
  });
  ids.product = p.id;
  const order = (storeId: string) => ({
    storeId,
    fulfilment: 'pickup' as const,
    lines: [{ skuId: p.skus[0]!.id, quantity: 1 }],
  });
  ids.orderA = (await c.admin.call(routes.createOrder, { body: order(biz.storeA) })).id;
  ids.orderB = (await c.admin.call(routes.createOrder, { body: order(biz.storeB) })).id;
  ids.orderRep1 = (await c.rep1.call(routes.createOrder, { body: order(biz.storeA) })).id;
  cust1 = await s.loginCustomer(biz.slug, '13700000001');
  cust2 = await s.loginCustomer(biz.slug, '13700000002');
  const mine = (client: ApiClient, key: string) =>
    client.call(routes.customerCreateOrder, { body: order(biz.storeA), idempotencyKey: key });
  ids.custOrder1 = (await mine(cust1, 'attach-test-order-1')).id;
  ids.custOrder2 = (await mine(cust2, 'attach-test-order-2')).id;
}, 60_000);
afterAll(() => s.close());

describe('uploading', () => {
  it('keeps a JPEG as sent and makes a smaller WebP thumbnail, upright and without metadata', async () => {
    // 800×400 stored sideways: EXIF orientation 6 means "rotate 90° to view", so it is 400×800 upright
    const jpeg = await picture(800, 400)
      .jpeg({ quality: 95 })
      .withExif({ IFD0: { Copyright: 'camera-owner-secret' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const a = await attach(c.coordA, ids.orderA, jpeg, '签收单 (1).jpg', 'text/plain');
    expect(a).toMatchObject({
      parentType: 'order',
      parentId: ids.orderA,
      kind: 'image',
      contentType: 'image/jpeg',
      byteSize: jpeg.length,
      name: '签收单 (1).jpg',
      width: 400,
      height: 800,
      hasThumbnail: true,
      uploadedBy: { type: 'user' },
    });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);

    const file = await raw(`/api/attachments/${a.id}/file`, c.coordA.token);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(jpeg)).toBe(true);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-length')).toBe(String(jpeg.length));
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toBe('private, no-cache');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="___ (1).jpg"; filename*=UTF-8''%E7%AD%BE%E6%94%B6%E5%8D%95%20%281%29.jpg`,
    );

    const thumb = await c.coordA.call(routes.downloadAttachmentThumbnail, { params: { id: a.id } });
    expect(thumb.contentType).toBe('image/webp');
    const tb = await bytes(thumb);
    expect(tb.length).toBeLessThan(jpeg.length);
    const meta = await sharp(tb).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 160, 320]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('answers 304 to a revalidation and serves HEAD without a body', async () => {
    const png = await picture(64, 64).png().toBuffer();
    const a = await attach(c.coordA, ids.orderA, png, 'dot.png');
    const first = await raw(`/api/attachments/${a.id}/thumbnail`, c.coordA.token);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('content-disposition')).toMatch(/^inline; filename="dot.png.webp"/);
    const again = await raw(`/api/attachments/${a.id}/thumbnail`, c.coordA.token, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const head = await raw(`/api/attachments/${a.id}/file`, c.coordA.token, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
      200,
      'image/png',
      '',
    ]);
    // the same check guards revalidation: another store's user gets no 304
    const outsider = await raw(`/api/attachments/${a.id}/thumbnail`, c.coordB.token, {
      headers: { 'if-none-match': etag },
    });
    expect(outsider.status).toBe(403);
  });

  it('accepts a PDF without a thumbnail', async () => {
    const a = await attach(c.rep1, ids.orderRep1, pdf, 'contract');
    expect(a).toMatchObject({ kind: 'document', contentType: 'application/pdf', hasThumbnail: false });
    expect(a.name).toBe('contract.pdf');
    const d = await c.rep1.call(routes.downloadAttachment, { params: { id: a.id } });
    expect([d.contentType, d.filename, (await bytes(d)).equals(pdf)]).toEqual([
      'application/pdf',
      'contract.pdf',
      true,
    ]);
    const p = await problemOf(c.rep1.call(routes.downloadAttachmentThumbnail, { params: { id: a.id } }));
    expect([p.status, p.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('takes every accepted picture type, and XLSX; HEIC is kept without a thumbnail', async () => {
    const img = picture(120, 90);
    const pictures: [Buffer, string][] = [
      [await img.clone().gif().toBuffer(), 'image/gif'],
      [await img.clone().webp().toBuffer(), 'image/webp'],
      [await img.clone().avif().toBuffer(), 'image/avif'],
    ];
    for (const [data, type] of pictures) {
      const a = await attach(c.admin, ids.orderB, data, 'pic');
      expect([a.contentType, a.hasThumbnail, a.width, a.height, a.name]).toEqual([
        type,
        true,
        120,
        90,
        `pic.${type.split('/')[1]}`,
      ]);
    }
    // an iPhone photo's container: sharp's prebuilt libvips cannot decode HEVC, so no thumbnail
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(64),
    ]);
    const h = await attach(c.admin, ids.orderB, heic, 'IMG_0001.HEIC');
    expect([h.contentType, h.kind, h.hasThumbnail]).toEqual(['image/heic', 'image', false]);
    const xlsx = await bytes(await exportAs(c.admin, 'xlsx'));
    const x = await attach(c.admin, ids.orderB, xlsx, 'packing list.xlsx');
    expect([x.contentType, x.kind, x.hasThumbnail]).toEqual([XLSX, 'document', false]);
  });

  it('refuses a file by its content, whatever its name and declared type say', async () => {
    const before = (await list(c.admin, ids.orderA)).length;
    const cases: [Buffer, string][] = [
      [Buffer.from('just some text, honestly a photo'), 'unknown'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'unknown'],
      [Buffer.from('<!doctype html><html><body>hi</body></html>'), 'unknown'],
      [await picture(8, 8).tiff().toBuffer(), 'image/tiff'],
    ];
    for (const [data, detected] of cases) {
      const p = await problemOf(attach(c.admin, ids.orderA, data, 'photo.jpg', 'image/jpeg'));
      expect([p.status, p.code, p.meta?.detected]).toEqual([415, 'UNSUPPORTED_FILE_TYPE', detected]);
    }
    const p = await problemOf(
      c.admin.call(routes.uploadOrderAttachment, {
        params: { id: ids.orderA },
        file: { data: Buffer.from('plain'), filename: 'a.jpg' },
        headers: { 'accept-language': 'en' },
      }),
    );
    expect(p.detail).toMatch(/^Files of type unknown cannot be attached \(judged by content, not by name\)/);
    expect((await list(c.admin, ids.orderA)).length).toBe(before);
  });

  it('refuses a damaged picture with a 400 naming the file', async () => {
    const jpeg = await picture(200, 200).jpeg().toBuffer();
    const p = await problemOf(attach(c.admin, ids.orderA, jpeg.subarray(0, 300), 'cut.jpg'));
    expect([p.status, p.code, p.fields?.[0]?.field, p.fields?.[0]?.code]).toEqual([
      400,
      'VALIDATION_FAILED',
      'file',
      'unreadable',
    ]);
  });

  it('refuses a file over the limit with 413, by its declared length or as it arrives', async () => {
    const limit = 10 * 1024 * 1024;
    for (const size of [limit + 1, limit + 2 * 1024 * 1024]) {
      const p = await problemOf(attach(c.admin, ids.orderA, Buffer.alloc(size, 1), 'big.bin'));
      expect([p.status, p.code, p.meta?.limit]).toEqual([413, 'FILE_TOO_LARGE', limit]);
    }
    // and the connection is still usable afterwards
    expect(await statusOf(list(c.admin, ids.orderA))).toBe(200);
  });

  it('wants a multipart form with the file in the field "file"', async () => {
    const form = new FormData();
    form.append('photo', new Blob([pdf]), 'x.pdf');
    const wrongField = await raw(`/api/orders/${ids.orderA}/attachments`, c.admin.token, {
      method: 'POST',
      body: form,
    });
    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe('file');
    const json = await raw(`/api/orders/${ids.orderA}/attachments`, c.admin.token, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect([json.status, ((await json.json()) as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
  });

  it('checks the record and the CSRF token before reading the file', async () => {
    const missing = await problemOf(attach(c.admin, '01900000-0000-7000-8000-000000000000', pdf, 'x.pdf'));
    expect([missing.status, missing.code, missing.meta?.entity]).toEqual([404, 'NOT_FOUND', 'order']);
    const { username } = await makeUser(s.database.db, biz, [{ role: 'admin', scope: 'all' }]);
    const cookie = await s.loginCookie(username, PASSWORD);
    expect((await problemOf(attach(cookie.withoutCsrf, ids.orderA, pdf, 'x.pdf'))).code).toBe('CSRF_FAILED');
    expect((await attach(cookie, ids.orderA, pdf, 'x.pdf')).kind).toBe('document');
  });
});

describe('who sees and changes what', () => {
  let onA = '';
  beforeAll(async () => {
    onA = (await attach(c.coordA, ids.orderA, await picture(40, 30).png().toBuffer(), 'a.png')).id;
  });

  it('staff of another store get the same 403 as for the order itself', async () => {
    expect(await statusOf(c.coordB.call(routes.getOrder, { params: { id: ids.orderA } }))).toBe(403);
    expect(await statusOf(list(c.coordB, ids.orderA))).toBe(403);
    expect(await statusOf(c.coordB.call(routes.downloadAttachment, { params: { id: onA } }))).toBe(403);
    expect(await statusOf(c.coordB.call(routes.downloadAttachmentThumbnail, { params: { id: onA } }))).toBe(
      403,
    );
    expect(await statusOf(c.coordB.call(routes.deleteAttachment, { params: { id: onA } }))).toBe(403);
    expect(await statusOf(attach(c.coordB, ids.orderA, pdf, 'x.pdf'))).toBe(403);
    // a sales rep reaches only their own orders
    expect(await statusOf(list(c.rep1, ids.orderA))).toBe(403);
    expect(await statusOf(attach(c.rep1, ids.orderA, pdf, 'x.pdf'))).toBe(403);
    expect((await list(c.rep1, ids.orderRep1)).length).toBeGreaterThan(0);
  });

  it('another business sees nothing at all (404)', async () => {
    const p = await problemOf(c.otherAdmin.call(routes.downloadAttachment, { params: { id: onA } }));
    expect([p.status, p.meta?.entity]).toEqual([404, 'attachment']);
    expect(await statusOf(list(c.otherAdmin, ids.orderA))).toBe(404);
  });

  it('reading needs only orders.read; attaching needs orders.attach', async () => {
    expect((await list(c.reader, ids.orderA)).map((a) => a.id)).toContain(onA);
    expect(await statusOf(c.reader.call(routes.downloadAttachment, { params: { id: onA } }))).toBe(200);
    const p = await problemOf(attach(c.reader, ids.orderA, pdf, 'x.pdf'));
    expect([p.status, p.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('a customer sees the files of their own orders only, and may add photos to them', async () => {
    const staffFile = (await attach(c.admin, ids.custOrder1, pdf, 'invoice.pdf')).id;
    const theirs = await cust1.call(routes.customerListOrderAttachments, { params: { id: ids.custOrder1 } });
    expect(theirs.items.map((a) => a.id)).toEqual([staffFile]);
    const d = await cust1.call(routes.customerDownloadAttachment, { params: { id: staffFile } });
    expect((await bytes(d)).equals(pdf)).toBe(true);

    const photo = await picture(300, 200).jpeg().toBuffer();
    const mine = await cust1.call(routes.customerUploadOrderAttachment, {
      params: { id: ids.custOrder1 },
      file: { data: photo, filename: 'broken-box.jpg' },
    });
    expect(mine.uploadedBy.type).toBe('customer');
    const thumb = await cust1.call(routes.customerDownloadAttachmentThumbnail, { params: { id: mine.id } });
    expect(thumb.contentType).toBe('image/webp');
    // staff on the order see it too
    expect((await list(c.admin, ids.custOrder1)).map((a) => a.id)).toEqual([staffFile, mine.id]);

    const refused = [
      () => cust2.call(routes.customerDownloadAttachment, { params: { id: staffFile } }),
      () => cust2.call(routes.customerDownloadAttachmentThumbnail, { params: { id: mine.id } }),
      () => cust2.call(routes.customerListOrderAttachments, { params: { id: ids.custOrder1 } }),
      () =>
        cust2.call(routes.customerUploadOrderAttachment, {
          params: { id: ids.custOrder1 },
          file: { data: photo, filename: 'x.jpg' },
        }),
      () => cust2.call(routes.customerDeleteAttachment, { params: { id: mine.id } }),
      () => cust1.call(routes.customerDownloadAttachment, { params: { id: onA } }),
    ];
    for (const call of refused) expect(await statusOf(call())).toBe(404);

    // a customer removes only what they uploaded
    const p = await problemOf(cust1.call(routes.customerDeleteAttachment, { params: { id: staffFile } }));
    expect([p.status, p.code]).toEqual([403, 'FORBIDDEN']);
    await cust1.call(routes.customerDeleteAttachment, { params: { id: mine.id } });
    expect((await list(c.admin, ids.custOrder1)).map((a) => a.id)).toEqual([staffFile]);
  });

  it('product files: catalog.write to add, catalog.read to fetch', async () => {
    const png = await picture(1000, 500).png().toBuffer();
    const a = await c.admin.call(routes.uploadProductAttachment, {
      params: { id: ids.product },
      file: { data: png, filename: 'bracket.png' },
    });
    expect([a.parentType, a.width, a.height]).toEqual(['product', 1000, 500]);
    const seen = await c.catReader.call(routes.listProductAttachments, { params: { id: ids.product } });
    expect(seen.items.map((i) => i.id)).toEqual([a.id]);
    const t = await bytes(
      await c.catReader.call(routes.downloadAttachmentThumbnail, { params: { id: a.id } }),
    );
    const meta = await sharp(t).metadata();
    expect([meta.width, meta.height]).toEqual([320, 160]);
    expect(
      await statusOf(
        c.catReader.call(routes.uploadProductAttachment, {
          params: { id: ids.product },
          file: { data: png, filename: 'x.png' },
        }),
      ),
    ).toBe(403);
    // order permissions give no access to product files, nor the other way round
    expect(await statusOf(c.reader.call(routes.downloadAttachment, { params: { id: a.id } }))).toBe(403);
    expect(await statusOf(c.catReader.call(routes.downloadAttachment, { params: { id: onA } }))).toBe(403);
  });
});

describe('removing', () => {
  it('the uploader, or whoever may attach in scope, removes a file; its bytes go too; both audited', async () => {
    const dir = s.config.attachments.dir;
    const stored = () =>
      fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => fs.statSync(path.join(dir, f)).isFile());
    const before = stored();
    const png = await picture(50, 50).png().toBuffer();
    const byCoord = await attach(c.coordA, ids.orderA, png, 'mine.png');
    const byAdmin = await attach(c.admin, ids.orderA, png, 'admins.png');
    // two originals and two thumbnails, in the business's folder, under random names
    const added = stored().filter((f) => !before.includes(f));
    expect(added).toHaveLength(4);
    for (const f of added) expect(f).toMatch(new RegExp(`^${biz.id}/[0-9a-f]{2}/[0-9a-f]{32}(\\.webp)?$`));
    // a reader cannot remove; the uploader can; a coordinator of the store can remove another's
    expect(await statusOf(c.reader.call(routes.deleteAttachment, { params: { id: byCoord.id } }))).toBe(403);
    await c.coordA.call(routes.deleteAttachment, { params: { id: byCoord.id } });
    await c.coordA.call(routes.deleteAttachment, { params: { id: byAdmin.id } });
    expect(await statusOf(c.admin.call(routes.downloadAttachment, { params: { id: byCoord.id } }))).toBe(404);
    const left = (await list(c.admin, ids.orderA)).map((a) => a.id);
    expect(left).not.toContain(byCoord.id);
    expect(left).not.toContain(byAdmin.id);
    expect(stored().sort()).toEqual(before.sort());

    const audit = await c.admin.call(routes.listAudit, {
      query: { entityType: 'order', entityId: ids.orderA, limit: 200 },
    });
    const of = (id: string) =>
      audit.items
        .filter((e) => JSON.stringify(e.changes).includes(id))
        .map((e) => e.action)
        .sort();
    expect(of(byCoord.id)).toEqual(['attachment.added', 'attachment.removed']);
    expect(of(byAdmin.id)).toEqual(['attachment.added', 'attachment.removed']);
    const entry = audit.items.find(
      (e) => e.action === 'attachment.added' && JSON.stringify(e.changes).includes(byAdmin.id),
    )!;
    expect(entry.changes).toMatchObject({ name: { before: null, after: 'admins.png' } });
    expect(entry.storeId).toBe(biz.storeA);
  });
});

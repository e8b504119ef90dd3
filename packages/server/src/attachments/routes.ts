import { routes } from '@orderloop/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Ctx } from '../http/context.ts';
import { contentDisposition } from '../http/download.ts';
import { type Endpoint, endpoint } from '../http/register.ts';
import { NotFoundError } from '../lib/errors.ts';
import {
  type AttachmentRow,
  customerAttachment,
  customerParent,
  type ParentRef,
  staffAttachment,
  staffParent,
} from './parent-access.ts';
import {
  customerDeleteAttachment,
  customerListAttachments,
  customerUploadAttachment,
  deleteAttachment,
  listAttachments,
  uploadAttachment,
} from './service.ts';
import { type FileStorage, StorageMissingError } from './storage.ts';

const order = (id: string): ParentRef => ({ parentType: 'order', parentId: id });
const product = (id: string): ParentRef => ({ parentType: 'product', parentId: id });

/**
 * Answers with a stored file. The access check has run; the ETag (the content's digest) lets a
 * browser revalidate instead of downloading again, and revalidation repeats the access check.
 * Originals download as attachments and must always be revalidated; thumbnails show inline and
 * may be reused for a few minutes. Nothing is sniffed or run: nosniff and a sandboxing CSP.
 */
async function sendStored(
  ctx: Ctx,
  storage: FileStorage,
  row: AttachmentRow,
  variant: 'file' | 'thumbnail',
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const key = variant === 'file' ? row.storageKey : row.thumbnailKey;
  if (!key) throw new NotFoundError('attachment');
  const etag = `"${row.sha256}${variant === 'thumbnail' ? '-t' : ''}"`;
  reply
    .header('etag', etag)
    .header('cache-control', variant === 'file' ? 'private, no-cache' : 'private, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  const match = req.headers['if-none-match'];
  if (match?.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
  const stream = await storage.get(key).catch((err: unknown) => {
    if (!(err instanceof StorageMissingError)) throw err;
    ctx.log.error({ attachmentId: row.id, key }, 'attachment row without its stored file');
    throw new NotFoundError('attachment');
  });
  const disposition =
    variant === 'file'
      ? contentDisposition(row.originalName)
      : contentDisposition(`${row.originalName}.webp`).replace(/^attachment/, 'inline');
  if (variant === 'file') reply.header('content-length', row.byteSize);
  return reply
    .code(200)
    .type(variant === 'file' ? row.contentType : 'image/webp')
    .header('content-disposition', disposition)
    .send(stream);
}

/** The attachment routes, over the deployment's file store and size limit. */
export function attachmentEndpoints(storage: FileStorage, config: Config): Endpoint[] {
  const maxBytes = config.attachments.maxBytes;
  const file = (f: { data: Buffer; filename: string | null }) => ({ data: f.data, filename: f.filename });
  return [
    endpoint(routes.listOrderAttachments, (ctx, { params }) => listAttachments(ctx, order(params.id))),
    endpoint(
      routes.uploadOrderAttachment,
      (ctx, { params, file: f }) => uploadAttachment(ctx, storage, order(params.id), file(f)),
      { maxBytes, precheck: (ctx, params) => staffParent(ctx, order(params.id), 'write') },
    ),
    endpoint(routes.listProductAttachments, (ctx, { params }) => listAttachments(ctx, product(params.id))),
    endpoint(
      routes.uploadProductAttachment,
      (ctx, { params, file: f }) => uploadAttachment(ctx, storage, product(params.id), file(f)),
      { maxBytes, precheck: (ctx, params) => staffParent(ctx, product(params.id), 'write') },
    ),
    endpoint(routes.downloadAttachment, async (ctx, { params }, { req, reply }) => {
      const { row } = await staffAttachment(ctx, params.id);
      return sendStored(ctx, storage, row, 'file', req, reply);
    }),
    endpoint(routes.downloadAttachmentThumbnail, async (ctx, { params }, { req, reply }) => {
      const { row } = await staffAttachment(ctx, params.id);
      return sendStored(ctx, storage, row, 'thumbnail', req, reply);
    }),
    endpoint(routes.deleteAttachment, (ctx, { params }) => deleteAttachment(ctx, storage, params.id)),

    endpoint(routes.customerListOrderAttachments, (ctx, { params }) =>
      customerListAttachments(ctx, order(params.id)),
    ),
    endpoint(
      routes.customerUploadOrderAttachment,
      (ctx, { params, file: f }) => customerUploadAttachment(ctx, storage, order(params.id), file(f)),
      { maxBytes, precheck: (ctx, params) => customerParent(ctx, order(params.id)) },
    ),
    endpoint(routes.customerDownloadAttachment, async (ctx, { params }, { req, reply }) => {
      const { row } = await customerAttachment(ctx, params.id);
      return sendStored(ctx, storage, row, 'file', req, reply);
    }),
    endpoint(routes.customerDownloadAttachmentThumbnail, async (ctx, { params }, { req, reply }) => {
      const { row } = await customerAttachment(ctx, params.id);
      return sendStored(ctx, storage, row, 'thumbnail', req, reply);
    }),
    endpoint(routes.customerDeleteAttachment, (ctx, { params }) =>
      customerDeleteAttachment(ctx, storage, params.id),
    ),
  ];
}

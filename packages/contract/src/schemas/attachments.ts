import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';

/**
 * What an attachment hangs on. A typed reference rather than one foreign key, so a new kind of
 * parent (complaints) only needs the server to register who may see and change it.
 */
export const attachmentParentTypes = ['order', 'product', 'complaint'] as const;
export type AttachmentParentType = (typeof attachmentParentTypes)[number];

/**
 * The file types accepted, judged by the bytes (never by the name or the declared type), with the
 * extension a download is named with. Pictures a phone or a scanner makes, PDFs, and XLSX (a
 * price sheet, a packing list). Deliberately not: SVG and HTML (script in a file served from our
 * origin), CSV and plain text (no signature, so any bytes would pass as "text"), archives.
 */
export const attachmentTypes = {
  'image/jpeg': { ext: 'jpg', kind: 'image' },
  'image/png': { ext: 'png', kind: 'image' },
  'image/webp': { ext: 'webp', kind: 'image' },
  'image/gif': { ext: 'gif', kind: 'image' },
  'image/avif': { ext: 'avif', kind: 'image' },
  'image/heic': { ext: 'heic', kind: 'image' },
  'image/heif': { ext: 'heif', kind: 'image' },
  'application/pdf': { ext: 'pdf', kind: 'document' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', kind: 'document' },
} as const;
export type AttachmentContentType = keyof typeof attachmentTypes;
export const attachmentContentTypes = Object.keys(attachmentTypes) as AttachmentContentType[];

export const attachmentKinds = ['image', 'document'] as const;

export const attachmentLimits = {
  /** The default size limit of one file; a deployment sets its own with ATTACHMENT_MAX_BYTES. */
  maxBytes: 10 * 1024 * 1024,
  /** Thumbnails are WebP, this many pixels on the longer edge at most. */
  thumbnailEdge: 320,
  /** Files one record may carry, so one caller cannot fill the disk through one order. */
  perParent: 100,
  /** The multipart field that carries the file. */
  field: 'file',
} as const;

export const attachmentSchema = z
  .object({
    id: idSchema,
    parentType: z.enum(attachmentParentTypes),
    parentId: idSchema,
    kind: z.enum(attachmentKinds),
    contentType: z.string().describe('Detected from the content, not taken from the client'),
    byteSize: z.number().int(),
    sha256: z.string().describe('Hex digest of the original file'),
    name: z.string().describe('The file name the uploader gave (display only; never a storage path)'),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    hasThumbnail: z.boolean(),
    uploadedBy: z.object({
      type: z.enum(['user', 'customer']),
      id: idSchema,
      name: z.string().nullable(),
    }),
    createdAt: timestampSchema,
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

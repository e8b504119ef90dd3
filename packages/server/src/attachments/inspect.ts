import {
  type AttachmentContentType,
  attachmentLimits,
  attachmentTypes,
  type FieldError,
} from '@orderloop/contract';
import { AppError } from '../lib/errors.ts';

/** What the bytes of an upload turned out to be, and the thumbnail made of a picture. */
export type Inspected = {
  contentType: AttachmentContentType;
  ext: string;
  kind: 'image' | 'document';
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
};

// An animated PNG is still a PNG to every viewer.
const aliases: Record<string, AttachmentContentType> = { 'image/apng': 'image/png' };
// sharp's prebuilt libvips decodes AVIF but not HEVC-coded HEIC (a patent matter), so an iPhone
// photo is accepted and kept as sent, without a thumbnail.
const undecodable = new Set<string>(['image/heic', 'image/heif']);
// A decompression bomb (a tiny PNG of 30 000 × 30 000 pixels) is refused before it is decoded.
const MAX_PIXELS = 60_000_000;

export class UnsupportedFileTypeError extends AppError {
  constructor(detected: string) {
    super('UNSUPPORTED_FILE_TYPE', { key: 'attachment.unsupportedType', vars: { detected } });
    this.meta = { detected, accepted: Object.keys(attachmentTypes) };
    this.fields = [{ field: attachmentLimits.field, code: 'unsupported_type', message: '' }];
  }
}

function unreadable(detected: string): AppError {
  const err = new AppError('VALIDATION_FAILED', { key: 'attachment.unreadable', vars: { detected } });
  err.fields = [{ field: attachmentLimits.field, code: 'unreadable', message: '' } satisfies FieldError];
  err.meta = { detected };
  return err;
}

/**
 * Judges a file by its content (magic numbers, and for XLSX the zip's parts), never by its name or
 * the type the client declared; refuses what is not on the accepted list. A picture is decoded
 * once here: its upright size is read and a small WebP thumbnail made, rotated by its EXIF
 * orientation and carrying no metadata (no camera, no GPS position).
 */
export async function inspectFile(data: Buffer): Promise<Inspected> {
  // file-type and sharp (libvips) cost ~0.2 s of CPU to load: loaded on the first upload, not at start
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(data);
  const mime = found ? (aliases[found.mime] ?? found.mime) : null;
  if (!mime || !(mime in attachmentTypes)) throw new UnsupportedFileTypeError(found?.mime ?? 'unknown');
  const contentType = mime as AttachmentContentType;
  const { ext, kind } = attachmentTypes[contentType];
  if (kind !== 'image') return { contentType, ext, kind, width: null, height: null, thumbnail: null };
  try {
    const { width, height, thumbnail } = await thumbnailOf(data);
    return { contentType, ext, kind, width, height, thumbnail };
  } catch (err) {
    if (undecodable.has(contentType))
      return { contentType, ext, kind, width: null, height: null, thumbnail: null };
    throw Object.assign(unreadable(contentType), { cause: err });
  }
}

async function thumbnailOf(data: Buffer) {
  const { default: sharp } = await import('sharp');
  const options = { limitInputPixels: MAX_PIXELS, failOn: 'error' as const };
  const meta = await sharp(data, options).metadata();
  const edge = attachmentLimits.thumbnailEdge;
  const thumbnail = await sharp(data, options)
    .autoOrient()
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  const upright = meta.autoOrient ?? meta;
  return { width: upright.width ?? null, height: upright.height ?? null, thumbnail };
}

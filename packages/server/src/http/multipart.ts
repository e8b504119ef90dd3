import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';

/** Room for the form's boundaries and part headers on top of the file itself. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export const fileTooLarge = (limit: number) => {
  const err = new AppError('FILE_TOO_LARGE', { key: 'attachment.tooLarge', vars: { limit } });
  err.meta = { limit };
  return err;
};

const missingField = (field: string) => {
  const err = new AppError('VALIDATION_FAILED', { key: 'upload.missingField', vars: { field } });
  err.fields = [{ field, code: 'required', message: '' }];
  return err;
};

/** Busboy's own limits surface as errors with status 413; anything else is a malformed form. */
const isTooLarge = (err: unknown) => (err as { statusCode?: number })?.statusCode === 413;

/**
 * The one file of a multipart form (@fastify/multipart, whose `fileSize` limit is the route's):
 * it must be in the named field and not empty. Other fields are ignored; a file past the limit is
 * a 413 FILE_TOO_LARGE, counted as the bytes arrive, whatever Content-Length claimed.
 */
export async function readMultipartFile(req: FastifyRequest, field: string, limit: number) {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file();
  } catch (err) {
    throw isTooLarge(err) ? fileTooLarge(limit) : Object.assign(missingField(field), { cause: err });
  }
  if (!part || part.fieldname !== field) throw missingField(field);
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    throw isTooLarge(err) ? fileTooLarge(limit) : Object.assign(missingField(field), { cause: err });
  }
  if (data.length === 0) throw missingField(field);
  return { data, contentType: part.mimetype, filename: part.filename || null };
}

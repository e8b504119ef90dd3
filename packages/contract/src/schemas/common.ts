import { z } from 'zod';

export const idSchema = z.uuid().describe('Opaque, unguessable id');
export const timestampSchema = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp');
export const idParams = z.object({ id: idSchema });

/** Trimmed, non-empty, bounded text: the shape of every name-like field. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'format.phone');

export const cursorQuery = z.object({
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const okSchema = z.object({ ok: z.literal(true) });

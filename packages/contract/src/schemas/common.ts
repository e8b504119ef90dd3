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

type NoDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The PATCH form of a create schema: every field optional, unknown fields refused, and — unlike
 * `.partial()`, which in zod 4 still fills defaults — a field left out stays out, so an edit of
 * one field never resets the others.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [
      k,
      ((v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType).optional(),
    ]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<NoDefault<S[K]>> };
  return z.strictObject(shape);
}

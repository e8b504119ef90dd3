import { type AnyColumn, and, eq, lt, or, type SQL } from 'drizzle-orm';
import { ValidationError } from './errors.ts';

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity) return v;
  } catch {}
  throw invalidCursor();
}

const invalidCursor = () =>
  new ValidationError([
    { field: 'query.cursor', code: 'invalid_cursor', message: 'cursor is not one this server issued' },
  ]);

/** Fetches limit+1 rows and turns the extra one into `nextCursor`. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * The page after a `[createdAt, id]` cursor of a newest-first list: rows created earlier, or at
 * the same instant with a smaller id. Undefined on the first page.
 */
export function newestFirstAfter(
  createdAt: AnyColumn,
  id: AnyColumn,
  cursor: string | undefined,
): SQL | undefined {
  const after = decodeCursor(cursor, 2) as [string, string] | null;
  if (!after) return undefined;
  const at = new Date(after[0]);
  if (Number.isNaN(at.getTime()) || typeof after[1] !== 'string') throw invalidCursor();
  return or(lt(createdAt, at), and(eq(createdAt, at), lt(id, after[1])));
}

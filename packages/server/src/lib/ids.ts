import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): time-ordered so B-tree inserts stay local, with 74 random bits so ids
 * cannot be guessed from one another.
 */
export function newId(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random secret token, URL-safe. */
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

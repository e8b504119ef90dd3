import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { rateLimits } from '../db/schema.ts';

/**
 * Fixed-window counter in the database, so every API process shares one count.
 * Returns the count after this hit and the seconds until the window ends.
 */
export async function hit(
  db: Db,
  key: string,
  now: Date,
  windowMinutes: number,
): Promise<{ count: number; retryAfter: number }> {
  const windowMs = windowMinutes * 60_000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  return { count: row!.count, retryAfter: Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000) };
}

export async function pruneRateLimits(db: Db, now: Date) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 86_400_000)));
}

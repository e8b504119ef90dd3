import { createHash } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { idempotencyKeys } from '../db/order-schema.ts';
import { IdempotencyError, ValidationError } from './errors.ts';

const TTL_MS = 24 * 3_600_000;
// a claim older than this belongs to a request that died (process killed): another may take over
const STALE_MS = 60_000;
const KEY = /^[\w.:-]{8,128}$/;

export type Claim = { owner: string; key: string } | null;
export type Outcome<T> = { kind: 'new'; claim: Claim } | { kind: 'replay'; status: number; body: T };

/** Canonical JSON (sorted keys), so the same request hashes the same however the client ordered it. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

export const requestHash = (route: string, body: unknown) =>
  createHash('sha256')
    .update(`${route}\n${canonical(body)}`)
    .digest('hex');

/**
 * Claims an idempotency key before the work starts (committed at once, so concurrent duplicates see
 * it). Same key + same request: the stored response; same key + other request: 422; same key while
 * the first still runs: 409; missing where required: 400. Keys live 24 h.
 */
export async function claimIdempotency<T>(
  db: Db,
  opts: { owner: string; key: string | undefined; required: boolean; hash: string; now: Date },
): Promise<Outcome<T>> {
  if (!opts.key) {
    if (opts.required) throw new IdempotencyError('IDEMPOTENCY_KEY_MISSING');
    return { kind: 'new', claim: null };
  }
  if (!KEY.test(opts.key)) {
    throw new ValidationError([
      {
        field: 'headers.idempotency-key',
        code: 'invalid_format',
        message: '8–128 letters, digits, dot, colon, dash or underscore',
      },
    ]);
  }
  const { owner, key, hash, now } = opts;
  const claimed = await db
    .insert(idempotencyKeys)
    .values({
      owner,
      key,
      requestHash: hash,
      status: 'running',
      lockedAt: now,
      expiresAt: new Date(now.getTime() + TTL_MS),
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.owner, idempotencyKeys.key],
      // take over only an expired key or a claim whose request died
      set: {
        requestHash: hash,
        status: 'running',
        responseStatus: null,
        responseBody: null,
        lockedAt: now,
        expiresAt: new Date(now.getTime() + TTL_MS),
      },
      setWhere: or(
        lt(idempotencyKeys.expiresAt, now),
        and(
          eq(idempotencyKeys.status, 'running'),
          lt(idempotencyKeys.lockedAt, new Date(now.getTime() - STALE_MS)),
          eq(idempotencyKeys.requestHash, hash),
        ),
      ),
    })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return { kind: 'new', claim: { owner, key } };

  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
  if (!existing) return claimIdempotency(db, opts); // released between our insert and read
  if (existing.requestHash !== hash) throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED');
  if (existing.status === 'running') throw new IdempotencyError('IDEMPOTENCY_IN_PROGRESS');
  return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody as T };
}

/** Stores the response in the same transaction as the work it describes. */
export async function completeIdempotency(tx: Tx, claim: Claim, status: number, body: unknown) {
  if (!claim) return;
  await tx
    .update(idempotencyKeys)
    .set({ status: 'done', responseStatus: status, responseBody: sql`${JSON.stringify(body)}::jsonb` })
    .where(and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key)));
}

/** The work failed: free the key so a corrected retry can run. */
export async function releaseIdempotency(db: Db, claim: Claim) {
  if (!claim) return;
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.owner, claim.owner),
        eq(idempotencyKeys.key, claim.key),
        eq(idempotencyKeys.status, 'running'),
      ),
    );
}

import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect.ts';
import { events, outbox } from '../db/workflow-schema.ts';
import { raiseException } from '../exceptions/incidents.ts';
import type { Deps } from '../http/context.ts';
import type { Channel, Outcome } from './channel.ts';
import { emailChannel } from './email.ts';
import { inAppChannel } from './in-app.ts';
import { noticeOf, type OutboxPayload, type OutboxRow, type OutboxTarget } from './notice.ts';
import { webhookChannel } from './webhook.ts';

/** The channels this server can deliver through; an outbox row of any other channel is skipped. */
export const channels: Record<string, Channel> = Object.fromEntries(
  [inAppChannel, webhookChannel, emailChannel].map((c) => [c.name, c]),
);

/**
 * While a process works a claimed row, the row is due again only after this lease: a crashed
 * worker's rows come back by themselves (at least once), a live one's are left alone.
 */
const LEASE_MS = 120_000;

/** 30 s × 2^(attempt-1), at most an hour, ±20 % jitter so a failed batch does not retry in lockstep. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type DeliveryTally = { delivered: number; skipped: number; retrying: number; dead: number };

/**
 * Claims due pending rows with FOR UPDATE SKIP LOCKED — so concurrent workers never take the same
 * row — and in that short transaction counts the attempt and pushes the row's due time past the
 * lease. Delivery itself runs outside any transaction (no lock held over the network).
 */
async function claim(deps: Deps, batch: number): Promise<OutboxRow[]> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (!rows.length) return [];
    await tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

/** An exception the console and live streams show: a delivery that kept failing. */
async function recordDeadLetter(tx: Tx, row: OutboxRow, error: string, now: Date) {
  const order = (row.payload as OutboxPayload).order;
  const [e] = await tx
    .insert(events)
    .values({
      businessId: row.businessId,
      storeId: order?.storeId ?? null,
      orderId: order?.orderId ?? null,
      type: 'delivery.dead',
      payload: {
        deliveryId: row.id,
        channel: row.channel,
        event: (row.payload as OutboxPayload).event ?? null,
        number: order?.number ?? null,
        error,
      },
      at: now,
    })
    .returning({ id: events.id });
  await tx.execute(sql`SELECT pg_notify('orderloop_events', ${String(e!.id)})`);
  await raiseException(tx, {
    businessId: row.businessId,
    storeId: order?.storeId ?? null,
    orderId: order?.orderId ?? null,
    kind: row.channel === 'erp' ? 'erp_push_failed' : 'notification_failed',
    sourceId: row.id,
    at: now,
    payload: { channel: row.channel, number: order?.number ?? null },
  });
}

/** Writes an attempt's outcome, unless the row was re-claimed or retried meanwhile (stale lease). */
async function finish(deps: Deps, row: OutboxRow, outcome: Outcome): Promise<keyof DeliveryTally> {
  const now = deps.clock.now();
  const target = row.target as OutboxTarget;
  const done = [...new Set([...(target.done ?? []), ...('done' in outcome ? (outcome.done ?? []) : [])])];
  const mine = and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts));
  return deps.db.transaction(async (tx) => {
    if (outcome.status === 'delivered' || outcome.status === 'skipped') {
      await tx
        .update(outbox)
        .set({
          status: outcome.status,
          deliveredAt: now,
          lastError: outcome.note ?? null,
          target: { ...target, done },
        })
        .where(mine);
      return outcome.status;
    }
    const dead = row.attempts >= deps.config.notify.maxAttempts;
    const [updated] = await tx
      .update(outbox)
      .set({
        status: dead ? 'dead' : 'pending',
        nextAttemptAt: dead ? now : new Date(now.getTime() + backoffMs(row.attempts)),
        lastError: `attempt ${row.attempts}: ${outcome.error}`.slice(0, 2000),
        target: { ...target, done },
      })
      .where(mine)
      .returning({ id: outbox.id });
    if (dead && updated) await recordDeadLetter(tx, row, outcome.error, now);
    return dead ? 'dead' : 'retrying';
  });
}

async function attempt(deps: Deps, row: OutboxRow, via: Record<string, Channel>): Promise<Outcome> {
  const channel = via[row.channel];
  if (!channel) return { status: 'skipped', note: `no channel configured for "${row.channel}"` };
  try {
    const notice = await noticeOf(deps, row);
    if (!notice) return { status: 'skipped', note: 'the order no longer exists' };
    return await channel.deliver(notice, deps);
  } catch (err) {
    return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Works the outbox once: every due row is delivered, skipped, rescheduled with backoff, or — past
 * the retry limit — dead-lettered. Safe to run in any number of processes at once.
 */
export async function deliverOutbox(
  deps: Deps,
  opts: { batch?: number; max?: number; channels?: Record<string, Channel> } = {},
): Promise<DeliveryTally> {
  const tally: DeliveryTally = { delivered: 0, skipped: 0, retrying: 0, dead: 0 };
  const max = opts.max ?? 500;
  let seen = 0;
  while (seen < max) {
    const rows = await claim(deps, Math.min(opts.batch ?? 20, max - seen));
    if (!rows.length) break;
    seen += rows.length;
    for (const row of rows)
      tally[await finish(deps, row, await attempt(deps, row, opts.channels ?? channels))]++;
  }
  return tally;
}

/** The in-process delivery loop, beside the timer loop; `wake()` runs a tick now (on NOTIFY). */
export function startDeliveryLoop(deps: Deps, intervalMs = 1000) {
  let running: Promise<void> | null = null;
  let again = false;
  const tick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverOutbox(deps);
        } catch (err) {
          deps.log.error({ err }, 'outbox tick failed');
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const handle = setInterval(() => void tick(), intervalMs);
  handle.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(handle);
      await running;
    },
  };
}

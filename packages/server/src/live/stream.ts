import type { LiveEvent } from '@orderloop/contract';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inScope, requireCustomer, requirePermission } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { sessions, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ValidationError } from '../lib/errors.ts';
import { eventsAfter, type Hub, type LiveRow } from './hub.ts';

/**
 * Who sees an event, and what of it. `kind` names the view: every stream of one kind shows an event
 * the same way, so its serialized frame is made once per event, not once per stream.
 */
type Audience = { kind: 'staff' | 'customer'; businessId: string; shows: (e: LiveRow) => LiveEvent | null };

const frames = { staff: new WeakMap<LiveRow, string>(), customer: new WeakMap<LiveRow, string>() };

/** The SSE frame of an event as this audience sees it ('' when it does not see it). */
function frameOf(audience: Audience, e: LiveRow): string {
  const shown = audience.shows(e);
  if (!shown) return '';
  const cache = frames[audience.kind];
  let f = cache.get(e);
  if (f === undefined) {
    f = `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(shown)}\n\n`;
    cache.set(e, f);
  }
  return f;
}

const view = (e: LiveRow, payload: Record<string, unknown>): LiveEvent => ({
  id: e.id,
  type: e.type,
  orderId: e.orderId,
  storeId: e.storeId,
  at: e.at.toISOString(),
  payload,
});

/** Staff see what orders.read lets them read: their stores' events, or their own orders'. */
export function staffAudience(ctx: Ctx): Audience {
  const scope = requirePermission(ctx.actor, 'orders.read');
  return {
    kind: 'staff',
    businessId: scope.actor.businessId,
    shows: (e) =>
      e.businessId === scope.actor.businessId &&
      inScope(scope, { storeId: e.storeId, ownerIds: [e.salesRepId, e.createdBy] })
        ? view(e, e.payload)
        : null,
  };
}

const CUSTOMER_EVENTS = new Set(['order.submitted', 'order.transitioned']);

/** A customer sees their own orders move, without the staff-side details. */
export function customerAudience(ctx: Ctx): Audience {
  const me = requireCustomer(ctx.actor);
  return {
    kind: 'customer',
    businessId: me.businessId,
    shows: (e) =>
      e.businessId === me.businessId && e.customerId === me.customerId && CUSTOMER_EVENTS.has(e.type)
        ? view(e, { number: e.payload.number, state: e.payload.to, action: e.payload.action ?? null })
        : null,
  };
}

const EVENT_ID = /^\d{1,18}$/;

function resumeFrom(req: FastifyRequest, query: { lastEventId?: string }): number | null {
  const header = req.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') {
    if (!EVENT_ID.test(header))
      throw new ValidationError([
        { field: 'headers.last-event-id', code: 'format', message: 'An event id is a number' },
      ]);
    return Number(header);
  }
  return query.lastEventId ? Number(query.lastEventId) : null;
}

/** Is the session behind a long-lived stream still good (not signed out, expired, or disabled)? */
async function stillSignedIn(ctx: Ctx, actor: Actor): Promise<boolean> {
  const now = ctx.clock.now();
  const [s] = await ctx.db
    .select({ userId: sessions.userId, absolute: sessions.absoluteExpiresAt, status: users.status })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!s || s.absolute <= now) return false;
  return !s.userId || s.status === 'active';
}

// a client this far behind is cut off; it reconnects and catches up from the table
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * Serves one SSE connection: replays what came after Last-Event-ID (header, or `?lastEventId=`)
 * from the events table, then streams live events from the hub, each id once, with `: heartbeat`
 * comments (which also re-check the session) so proxies keep the connection open.
 */
export async function serveStream(
  ctx: Ctx,
  hub: Hub,
  audience: Audience,
  query: { lastEventId?: string },
  { req, reply }: { req: FastifyRequest; reply: FastifyReply },
): Promise<FastifyReply> {
  const resume = resumeFrom(req, query);
  const actor = ctx.actor!;
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: pass each event through at once
  });
  raw.write('retry: 3000\n\n');

  let open = true;
  let live = false;
  const sent = new Set<number>();
  const buffered: LiveRow[] = [];
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(beat);
    unsubscribe?.();
    raw.end();
  };
  const send = (batch: LiveRow[]) => {
    if (!open) return;
    let out = '';
    for (const e of batch) out += frameOf(audience, e);
    if (!out) return;
    raw.write(out);
    if (raw.writableLength > MAX_BUFFERED_BYTES) end();
  };
  const beat = setInterval(() => {
    raw.write(': heartbeat\n\n');
    void stillSignedIn(ctx, actor).then(
      (ok) => ok || end(),
      () => {},
    );
  }, ctx.config.liveHeartbeatMs);
  raw.on('close', end);

  // subscribe before replaying, so nothing committed in between falls through the gap
  let unsubscribe: (() => void) | undefined;
  try {
    unsubscribe = await hub.subscribe((batch) => {
      if (!live) buffered.push(...batch);
      else send(sent.size ? batch.filter((e) => !sent.has(e.id)) : batch);
    }, end);
    if (!open) unsubscribe();
    if (resume !== null) {
      let after = resume;
      for (;;) {
        const rows = await eventsAfter(ctx.db, after, 500, audience.businessId);
        for (const r of rows) sent.add(r.id);
        send(rows);
        if (rows.length < 500 || !open) break;
        after = rows[rows.length - 1]!.id;
      }
    }
  } catch (err) {
    // the headers are out: all that is left is to close, and the client reconnects and resumes
    ctx.log.error({ err }, 'event stream failed to start');
    end();
  }
  send(buffered.filter((e) => !sent.has(e.id)));
  buffered.length = 0;
  live = true;
  return reply;
}

import {
  type ComplaintSettings,
  type ComplaintState,
  complaintSettingsSchema,
  defaultComplaintSettings,
} from '@orderloop/contract';
import { and, eq, sql } from 'drizzle-orm';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { complaintEntries, complaints } from '../db/complaint-schema.ts';
import type { DbOrTx, Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { businesses } from '../db/schema.ts';
import { timers } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { announce } from './announce.ts';
import type { ComplaintRow } from './load.ts';

export const COMPLAINT_TIMER = 'complaint_sla';

/** businesses.settings.complaints; a malformed value (edited by hand) counts as the defaults. */
export async function complaintSettings(db: DbOrTx, businessId: string): Promise<ComplaintSettings> {
  const [b] = await db
    .select({ settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  const parsed = complaintSettingsSchema.safeParse(
    (b?.settings as Record<string, unknown> | undefined)?.complaints,
  );
  return parsed.success ? parsed.data : defaultComplaintSettings;
}

const slaMinutes = (s: ComplaintSettings, state: ComplaintState) =>
  state === 'open' ? s.openMinutes : state === 'in_progress' ? s.inProgressMinutes : null;

/**
 * A complaint has entered `c.state`: the previous state's SLA timer lapses, the new state's starts
 * (a durable row in `timers`, fired once by the timer loop). Returns the new deadline.
 */
export async function startStateClock(tx: Tx, c: ComplaintRow, now: Date): Promise<Date | null> {
  await tx
    .update(timers)
    .set({ status: 'cancelled' })
    .where(and(eq(timers.complaintId, c.id), eq(timers.status, 'pending')));
  const minutes = slaMinutes(await complaintSettings(tx, c.businessId), c.state);
  const dueAt = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
  if (dueAt)
    await tx.insert(timers).values({
      id: newId(now.getTime()),
      businessId: c.businessId,
      orderId: c.orderId,
      complaintId: c.id,
      kind: COMPLAINT_TIMER,
      action: null,
      state: c.state,
      stateVersion: c.version,
      dueAt,
    });
  return dueAt;
}

type TimerRow = typeof timers.$inferSelect;

/**
 * A complaint's SLA timer is due (claimed and marked fired by the caller, in `tx`): if the
 * complaint is still in the state the timer was set for, it is marked overdue, its history says
 * so, and the assignee (or, with none, the store's handlers) and the managers are told.
 */
export async function fireComplaintTimer(tx: Tx, ctx: Ctx, t: TimerRow): Promise<void> {
  const now = ctx.clock.now();
  const [c] = await tx.select().from(complaints).where(eq(complaints.id, t.complaintId!)).for('update');
  if (!c || c.state !== t.state || c.overdueAt) return;
  const [o] = await tx.select().from(orders).where(eq(orders.id, c.orderId));
  const [marked] = await tx
    .update(complaints)
    .set({ overdueAt: now })
    .where(eq(complaints.id, c.id))
    .returning();
  await tx.insert(complaintEntries).values({
    id: newId(now.getTime()),
    complaintId: c.id,
    type: 'overdue',
    visibility: 'internal',
    actorType: 'system',
    actorId: null,
    fromState: c.state,
    toState: c.state,
    data: { dueAt: c.dueAt?.toISOString() ?? null },
    versionAfter: c.version,
    at: now,
  });
  await announce(
    tx,
    now,
    marked!,
    o!,
    'overdue',
    { dueAt: c.dueAt?.toISOString() ?? null },
    {
      event: 'complaint_overdue',
      to: [c.assigneeId ? 'complaint_assignee' : 'complaint_handlers', 'managers'],
    },
  );
  await recordAudit(tx, ctx, {
    action: 'complaint.overdue',
    entityType: 'complaint',
    entityId: c.id,
    storeId: c.storeId,
    businessId: c.businessId,
    before: { overdueAt: null },
    after: { overdueAt: now.toISOString() },
  });
}

export async function getComplaintSettings(ctx: Ctx): Promise<ComplaintSettings> {
  const scope = requirePermission(ctx.actor, 'complaints.read');
  return complaintSettings(ctx.db, scope.actor.businessId);
}

export async function updateComplaintSettings(
  ctx: Ctx,
  input: ComplaintSettings,
): Promise<ComplaintSettings> {
  const scope = requirePermission(ctx.actor, 'complaints.handle');
  // business-wide: a store-scoped handler may not change every store's deadlines
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  const businessId = scope.actor.businessId;
  const before = await complaintSettings(ctx.db, businessId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(businesses)
      .set({ settings: sql`${businesses.settings} || ${JSON.stringify({ complaints: input })}::jsonb` })
      .where(eq(businesses.id, businessId));
    await recordAudit(tx, ctx, {
      action: 'complaint_settings.updated',
      entityType: 'business',
      entityId: businessId,
      before,
      after: input,
    });
  });
  return input;
}

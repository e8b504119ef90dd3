import type { Complaint, fileComplaintSchema } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requireCustomer, requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { complaintEntries, complaints } from '../db/complaint-schema.ts';
import type { Tx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import {
  claimIdempotency,
  completeIdempotency,
  releaseIdempotency,
  requestHash,
} from '../lib/idempotency.ts';
import { newId } from '../lib/ids.ts';
import { orderOwnership } from '../orders/read.ts';
import { announce } from './announce.ts';
import type { OrderRow } from './load.ts';
import { readComplaint, readCustomerComplaint } from './read.ts';
import { startStateClock } from './sla.ts';

type Input = z.output<typeof fileComplaintSchema>;
type FiledBy = { type: 'user' | 'customer'; id: string };

/** Opens a complaint on an order: its SLA clock starts and the store's handlers are told. */
export async function openComplaint(
  tx: Tx,
  ctx: Ctx,
  o: OrderRow,
  input: Input,
  by: FiledBy,
): Promise<string> {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(complaints)
    .values({
      id: newId(now.getTime()),
      businessId: o.businessId,
      storeId: o.storeId,
      orderId: o.id,
      customerId: o.customerId,
      kind: input.kind,
      state: 'open',
      description: input.description,
      filedByType: by.type,
      filedById: by.id,
      stateEnteredAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const dueAt = await startStateClock(tx, row!, now);
  const [c] = await tx.update(complaints).set({ dueAt }).where(eq(complaints.id, row!.id)).returning();
  await tx.insert(complaintEntries).values({
    id: newId(now.getTime()),
    complaintId: c!.id,
    type: 'filed',
    visibility: 'customer',
    actorType: by.type,
    actorId: by.id,
    toState: 'open',
    body: input.description,
    data: { kind: input.kind },
    versionAfter: 1,
    at: now,
  });
  await announce(tx, now, c!, o, 'opened', {}, { event: 'complaint_opened', to: ['complaint_handlers'] });
  await recordAudit(tx, ctx, {
    action: 'complaint.filed',
    entityType: 'complaint',
    entityId: c!.id,
    storeId: o.storeId,
    businessId: o.businessId,
    after: { orderId: o.id, kind: input.kind, state: 'open', description: input.description },
  });
  return c!.id;
}

/**
 * Staff file on the customer's behalf: complaints.handle, and the order within both that
 * permission's scope and orders.read's (another business's order is a 404, another store's a 403).
 */
export async function fileStaffComplaint(ctx: Ctx, orderId: string, input: Input): Promise<Complaint> {
  const handle = requirePermission(ctx.actor, 'complaints.handle');
  const [o] = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.businessId, handle.actor.businessId)));
  if (!o) throw new NotFoundError('order');
  assertInScope(requirePermission(handle.actor, 'orders.read'), orderOwnership(o));
  assertInScope(handle, orderOwnership(o));
  return ctx.db.transaction(async (tx) => {
    const id = await openComplaint(tx, ctx, o, input, { type: 'user', id: handle.actor.userId });
    return readComplaint(ctx, id, tx);
  });
}

/**
 * A customer files on one of their own orders (any other id is a 404). With an Idempotency-Key
 * a retry after a dropped connection answers the first complaint instead of filing a second.
 */
export async function fileCustomerComplaint(
  ctx: Ctx,
  orderId: string,
  input: Input,
  key: string | undefined,
): Promise<{ complaint: Complaint; replayed: boolean }> {
  const me = requireCustomer(ctx.actor);
  const [o] = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.businessId, me.businessId)));
  if (!o || o.customerId !== me.customerId) throw new NotFoundError('order');
  const outcome = await claimIdempotency<Complaint>(ctx.db, {
    owner: `customer:${me.customerId}`,
    key,
    required: false,
    hash: requestHash('customerFileComplaint', { orderId, ...input }),
    now: ctx.clock.now(),
  });
  if (outcome.kind === 'replay') return { complaint: outcome.body, replayed: true };
  try {
    const complaint = await ctx.db.transaction(async (tx) => {
      const id = await openComplaint(tx, ctx, o, input, { type: 'customer', id: me.customerId });
      const view = await readCustomerComplaint(ctx, id, tx);
      await completeIdempotency(tx, outcome.claim, 201, view);
      return view;
    });
    return { complaint, replayed: false };
  } catch (err) {
    await releaseIdempotency(ctx.db, outcome.claim);
    throw err;
  }
}

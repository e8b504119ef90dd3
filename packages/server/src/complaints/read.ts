import type { Complaint, ComplaintSummary, complaintListQuery } from '@orderloop/contract';
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import {
  assertInScope,
  effectiveScope,
  inScope,
  requireCustomer,
  requirePermission,
  scopeFilter,
} from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { complaints } from '../db/complaint-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { orders } from '../db/order-schema.ts';
import { customers, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { newestFirstAfter, pageOf } from '../lib/cursor.ts';
import { NotFoundError } from '../lib/errors.ts';
import { orderOwnership } from '../orders/read.ts';
import { customerComplaint, type Loaded, staffComplaint } from './load.ts';
import { actionsFor, isActive } from './rules.ts';
import { type Permissions, toComplaint, toSummary } from './view.ts';

type ListQuery = z.output<typeof complaintListQuery> & { cursor?: string; limit: number };

/** What this staff member may do to this complaint now: the buttons the console shows. */
export function staffPermissions(actor: StaffActor, { c, o }: Loaded): Permissions {
  const handle = effectiveScope(actor, 'complaints.handle');
  const refund = effectiveScope(actor, 'refunds.approve');
  const owns = orderOwnership(o);
  const handles = !!handle && inScope(handle, owns);
  return {
    actions: handles ? actionsFor(c.state, 'staff') : [],
    canAssign: handles && isActive(c.state),
    canRespond: handles && c.state !== 'closed',
    canDecideRefund: !!refund && inScope(refund, owns) && isActive(c.state),
    audience: 'staff',
  };
}

export const customerPermissions = ({ c }: Loaded): Permissions => ({
  actions: actionsFor(c.state, 'customer'),
  canAssign: false,
  canRespond: false,
  canDecideRefund: false,
  audience: 'customer',
});

export async function readComplaint(ctx: Ctx, id: string, db: DbOrTx = ctx.db): Promise<Complaint> {
  const found = await staffComplaint(ctx, db, id, 'complaints.read');
  return toComplaint(db, found, staffPermissions(found.scope.actor, found), ctx.clock.now());
}

export async function readCustomerComplaint(ctx: Ctx, id: string, db: DbOrTx = ctx.db): Promise<Complaint> {
  const found = await customerComplaint(ctx, db, id);
  return toComplaint(db, found, customerPermissions(found), ctx.clock.now());
}

const assignee = alias(users, 'assignee');
const summaryColumns = {
  c: complaints,
  orderNumber: orders.number,
  customerName: sql<string | null>`coalesce(${customers.name}, ${customers.contactName}, ${customers.phone})`,
  assigneeName: assignee.displayName,
};
type SummaryRow = {
  c: typeof complaints.$inferSelect;
  orderNumber: string;
  customerName: string | null;
  assigneeName: string | null;
};

const summaries = (db: DbOrTx) =>
  db
    .select(summaryColumns)
    .from(complaints)
    .innerJoin(orders, eq(orders.id, complaints.orderId))
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(assignee, eq(assignee.id, complaints.assigneeId));

const summaryOf = (r: SummaryRow, now: Date) => toSummary(r.c, r, now);

/**
 * The staff list, newest first in keyset pages, filtered by scope in SQL: the order's store
 * (complaints.store_id, copied from the order) or, for own-scope grants, the order's rep/creator.
 */
export async function listComplaints(
  ctx: Ctx,
  q: ListQuery,
): Promise<{ items: ComplaintSummary[]; nextCursor: string | null }> {
  const scope = requirePermission(ctx.actor, 'complaints.read');
  const now = ctx.clock.now();
  const overdue = or(isNotNull(complaints.overdueAt), lte(complaints.dueAt, now));
  const rows = await summaries(ctx.db)
    .where(
      and(
        eq(complaints.businessId, scope.actor.businessId),
        scopeFilter(scope, { store: complaints.storeId, owners: [orders.salesRepId, orders.createdBy] }),
        q.state?.length ? inArray(complaints.state, q.state) : undefined,
        q.kind?.length ? inArray(complaints.kind, q.kind) : undefined,
        q.storeId ? eq(complaints.storeId, q.storeId) : undefined,
        q.orderId ? eq(complaints.orderId, q.orderId) : undefined,
        q.assigneeId === 'none'
          ? isNull(complaints.assigneeId)
          : q.assigneeId
            ? eq(complaints.assigneeId, q.assigneeId)
            : undefined,
        q.overdue === 'true'
          ? overdue
          : q.overdue === 'false'
            ? and(isNull(complaints.overdueAt), or(isNull(complaints.dueAt), gt(complaints.dueAt, now)))
            : undefined,
        newestFirstAfter(complaints.createdAt, complaints.id, q.cursor),
      ),
    )
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.c.createdAt.toISOString(), r.c.id]);
  return { items: page.items.map((r) => summaryOf(r, now)), nextCursor: page.nextCursor };
}

/** An order's complaints (whoever may read complaints and has the order in scope). */
export async function listOrderComplaints(ctx: Ctx, orderId: string) {
  const scope = requirePermission(ctx.actor, 'complaints.read');
  const [o] = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.businessId, scope.actor.businessId)));
  if (!o) throw new NotFoundError('order');
  assertInScope(scope, orderOwnership(o));
  const now = ctx.clock.now();
  const rows = await summaries(ctx.db)
    .where(eq(complaints.orderId, o.id))
    .orderBy(desc(complaints.createdAt), desc(complaints.id));
  const items = rows.map((r) => summaryOf(r, now));
  return { items, openCount: items.filter((i) => isActive(i.state)).length };
}

/** The signed-in customer's complaints, newest first, optionally of one order. */
export async function listCustomerComplaints(
  ctx: Ctx,
  q: { orderId?: string; cursor?: string; limit: number },
) {
  const me = requireCustomer(ctx.actor);
  const now = ctx.clock.now();
  const rows = await summaries(ctx.db)
    .where(
      and(
        eq(complaints.businessId, me.businessId),
        eq(complaints.customerId, me.customerId),
        q.orderId ? eq(complaints.orderId, q.orderId) : undefined,
        newestFirstAfter(complaints.createdAt, complaints.id, q.cursor),
      ),
    )
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.c.createdAt.toISOString(), r.c.id]);
  return { items: page.items.map((r) => summaryOf(r, now)), nextCursor: page.nextCursor };
}

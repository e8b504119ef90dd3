import type {
  Complaint,
  ComplaintAction,
  ComplaintEntry,
  ComplaintState,
  ComplaintSummary,
} from '@orderloop/contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { complaintEntries, type complaints, refundDecisions } from '../db/complaint-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { customers, users } from '../db/schema.ts';
import type { Loaded } from './load.ts';

type Row = typeof complaints.$inferSelect;

/** What a summary needs besides the complaint: its order's number and the names around it. */
export type SummaryExtras = { orderNumber: string; customerName: string | null; assigneeName: string | null };

export const toSummary = (c: Row, x: SummaryExtras, now: Date): ComplaintSummary => ({
  id: c.id,
  orderId: c.orderId,
  orderNumber: x.orderNumber,
  storeId: c.storeId,
  customerId: c.customerId,
  customerName: x.customerName,
  kind: c.kind,
  state: c.state,
  description: c.description,
  assigneeId: c.assigneeId,
  assigneeName: x.assigneeName,
  version: c.version,
  dueAt: c.dueAt?.toISOString() ?? null,
  // overdue as soon as the deadline passes, even before the timer loop has marked it
  overdue: !!c.overdueAt || (!!c.dueAt && c.dueAt <= now),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

async function namesOf(db: DbOrTx, userIds: string[], customerIds: string[]) {
  const u = userIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, [...new Set(userIds)]))
    : [];
  const c = customerIds.length
    ? await db
        .select({
          id: customers.id,
          name: sql<string | null>`coalesce(${customers.name}, ${customers.contactName}, ${customers.phone})`,
        })
        .from(customers)
        .where(inArray(customers.id, [...new Set(customerIds)]))
    : [];
  return {
    user: new Map(u.map((r) => [r.id, r.name])),
    customer: new Map(c.map((r) => [r.id, r.name])),
  };
}

export type Permissions = {
  actions: ComplaintAction[];
  canAssign: boolean;
  canRespond: boolean;
  canDecideRefund: boolean;
  /** The customer's view leaves out internal notes. */
  audience: 'staff' | 'customer';
};

/** Refund decisions so far on the order: what `refundable` subtracts from the total. */
export async function refundedOn(db: DbOrTx, orderId: string): Promise<number> {
  const [r] = await db
    .select({ sum: sql<string | null>`sum(${refundDecisions.amount})` })
    .from(refundDecisions)
    .where(eq(refundDecisions.orderId, orderId));
  return Number(r?.sum ?? 0);
}

/** The full view of one complaint, as this caller may see it. */
export async function toComplaint(
  db: DbOrTx,
  { c, o }: Loaded,
  p: Permissions,
  now: Date,
): Promise<Complaint> {
  const entries = await db
    .select()
    .from(complaintEntries)
    .where(
      and(
        eq(complaintEntries.complaintId, c.id),
        p.audience === 'customer' ? eq(complaintEntries.visibility, 'customer') : undefined,
      ),
    )
    .orderBy(asc(complaintEntries.at), asc(complaintEntries.versionAfter), asc(complaintEntries.id));
  const refunds = await db
    .select()
    .from(refundDecisions)
    .where(eq(refundDecisions.complaintId, c.id))
    .orderBy(asc(refundDecisions.decidedAt));
  const userIds = [
    ...entries.filter((e) => e.actorType === 'user' && e.actorId).map((e) => e.actorId!),
    ...(c.assigneeId ? [c.assigneeId] : []),
    ...(c.filedByType === 'user' ? [c.filedById] : []),
  ];
  const customerIds = [
    ...entries.filter((e) => e.actorType === 'customer' && e.actorId).map((e) => e.actorId!),
    ...(c.customerId ? [c.customerId] : []),
  ];
  const names = await namesOf(db, userIds, customerIds);
  const nameOf = (type: string, id: string | null) =>
    !id ? null : ((type === 'user' ? names.user.get(id) : names.customer.get(id)) ?? null);
  const history: ComplaintEntry[] = entries.map((e) => ({
    id: e.id,
    type: e.type,
    visibility: e.visibility,
    actor: { type: e.actorType, id: e.actorId, name: nameOf(e.actorType, e.actorId) },
    fromState: e.fromState as ComplaintState | null,
    toState: e.toState as ComplaintState | null,
    body: e.body,
    data: e.data,
    at: e.at.toISOString(),
  }));
  const refunded = await refundedOn(db, o.id);
  return {
    ...toSummary(
      c,
      {
        orderNumber: o.number,
        customerName: nameOf('customer', c.customerId),
        assigneeName: nameOf('user', c.assigneeId),
      },
      now,
    ),
    filedBy: { type: c.filedByType, id: c.filedById, name: nameOf(c.filedByType, c.filedById) },
    orderTotal: o.total,
    currency: o.currency,
    refundable: Math.max(0, o.total - refunded),
    stateEnteredAt: c.stateEnteredAt.toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    history,
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      note: r.note,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt.toISOString(),
    })),
    actions: p.actions,
    canAssign: p.canAssign,
    canRespond: p.canRespond,
    canDecideRefund: p.canDecideRefund,
  };
}

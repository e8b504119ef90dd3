import type { Locale, Permission } from '@orderloop/contract';
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { effectiveScope, inScope } from '../access/access.ts';
import type { Grant, StaffActor } from '../access/actor.ts';
import type { DbOrTx } from '../db/connect.ts';
import { approvalDelegations } from '../db/exceptions-schema.ts';
import type { orders } from '../db/order-schema.ts';
import { customers, roleGrants, roles, users } from '../db/schema.ts';
import { approvals } from '../db/workflow-schema.ts';
import { grantColumns } from '../identity/sessions.ts';
import { orderOwnership } from '../orders/read.ts';
import { eligibleFor } from '../workflow/approvals.ts';

type OrderRow = typeof orders.$inferSelect;

export type Recipient =
  | { kind: 'user'; id: string; name: string; email: string | null; locale: Locale }
  | { kind: 'customer'; id: string; name: string | null; locale: Locale };

export type Staff = StaffActor & { email: string | null };

/** Every active staff member of the business with their grants, as the access rules see them. */
export async function activeStaff(db: DbOrTx, businessId: string): Promise<Staff[]> {
  const rows = await db
    .select({
      user: users,
      grant: grantColumns,
    })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(and(eq(users.businessId, businessId), eq(users.status, 'active')));
  const byId = new Map<string, Staff>();
  for (const { user: u, grant } of rows) {
    let s = byId.get(u.id);
    if (!s) {
      s = {
        kind: 'staff',
        userId: u.id,
        businessId: u.businessId,
        username: u.username,
        displayName: u.displayName,
        locale: u.locale as Locale,
        email: u.email,
        grants: [],
        sessionId: '',
        sessionMode: 'token',
      };
      byId.set(u.id, s);
    }
    s.grants.push({ ...grant, permissions: grant.permissions as Permission[] } satisfies Grant);
  }
  return [...byId.values()];
}

/** Staff of the order's store: a store grant on it, or the whole business, with orders.read. */
const storeStaff = (s: Staff, o: OrderRow) =>
  s.grants.some(
    (g) =>
      g.permissions.includes('orders.read') &&
      (g.scope === 'all' || (g.scope === 'store' && g.storeId === o.storeId)),
  );

/** Who may approve (and so manage) this order: orders.approve with the order in their scope. */
const manager = (s: Staff, o: OrderRow) => {
  const scope = effectiveScope(s, 'orders.approve');
  return !!scope && inScope(scope, orderOwnership(o));
};

const toUser = (s: Staff): Recipient => ({
  kind: 'user',
  id: s.userId,
  name: s.displayName,
  email: s.email,
  locale: s.locale,
});

/**
 * The people behind a notify effect's targets for one order: store_staff, sales_rep, assignee,
 * approvers (whoever may decide the waiting approval step, and their active delegates), managers,
 * customer. Disabled staff are never included; each person appears once.
 */
export async function resolveRecipients(
  db: DbOrTx,
  o: OrderRow,
  targets: string[],
  now = new Date(),
): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  const needsStaff = targets.some((t) => t !== 'customer');
  const staff = needsStaff ? await activeStaff(db, o.businessId) : [];
  const add = (list: Staff[]) => {
    for (const s of list) out.set(`user:${s.userId}`, toUser(s));
  };
  for (const t of new Set(targets)) {
    switch (t) {
      case 'store_staff':
        add(staff.filter((s) => storeStaff(s, o)));
        break;
      case 'sales_rep':
        add(staff.filter((s) => s.userId === o.salesRepId));
        break;
      case 'assignee':
        add(staff.filter((s) => s.userId === o.assignedTo));
        break;
      case 'managers':
        add(staff.filter((s) => manager(s, o)));
        break;
      case 'approvers': {
        const [a] = await db
          .select()
          .from(approvals)
          .where(and(eq(approvals.orderId, o.id), eq(approvals.status, 'pending')));
        const step = a?.steps[a.step];
        if (!step) break;
        const eligible = staff.filter((s) => eligibleFor(s, step, o));
        add(eligible);
        if (!eligible.length) break;
        // whoever decides for an approver away right now is told too (never the order's own entrant)
        const delegates = await db
          .select({ id: approvalDelegations.delegateId })
          .from(approvalDelegations)
          .where(
            and(
              eq(approvalDelegations.businessId, o.businessId),
              inArray(
                approvalDelegations.delegatorId,
                eligible.map((s) => s.userId),
              ),
              lte(approvalDelegations.startsAt, now),
              gt(approvalDelegations.endsAt, now),
            ),
          );
        const ids = new Set(delegates.map((d) => d.id));
        add(staff.filter((s) => ids.has(s.userId) && s.userId !== o.createdBy));
        break;
      }
      case 'customer': {
        if (!o.customerId) break;
        const [c] = await db.select().from(customers).where(eq(customers.id, o.customerId));
        if (c)
          out.set(`customer:${c.id}`, {
            kind: 'customer',
            id: c.id,
            name: c.name ?? c.contactName,
            locale: c.locale as Locale,
          });
        break;
      }
    }
  }
  return [...out.values()];
}

import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { orders } from './order-schema.ts';
import { businesses, customers, users } from './schema.ts';

/**
 * A complaint, return or refund request about one order. Store and customer are copied from the
 * order at filing (they never change on an order), so scope filters and the exceptions view need
 * no join. `due_at` is the SLA deadline of the current state; `overdue_at` is set once the SLA
 * timer fires and cleared when the state changes.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    storeId: uuid('store_id').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id),
    kind: text('kind', { enum: ['complaint', 'return', 'refund'] }).notNull(),
    state: text('state', { enum: ['open', 'in_progress', 'resolved', 'closed'] }).notNull(),
    description: text('description').notNull(),
    filedByType: text('filed_by_type', { enum: ['user', 'customer'] }).notNull(),
    filedById: uuid('filed_by_id').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    stateEnteredAt: ts('state_entered_at').notNull(),
    dueAt: ts('due_at'),
    overdueAt: ts('overdue_at'),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // the staff list, newest first: whole business, or one store of it (a store-scoped user) as
    // an ordered index scan — (store, created) alone made the planner bitmap-AND both and sort
    index('complaints_business_created_idx').on(t.businessId, t.createdAt, t.id),
    index('complaints_store_created_idx').on(t.businessId, t.storeId, t.createdAt, t.id),
    index('complaints_order_idx').on(t.orderId),
    index('complaints_customer_idx').on(t.customerId, t.createdAt, t.id),
    // the exception view: what is still open, by age and owner
    index('complaints_active_idx')
      .on(t.businessId, t.createdAt)
      .where(sql`${t.state} IN ('open', 'in_progress')`),
    index('complaints_assignee_idx').on(t.assigneeId).where(sql`${t.state} IN ('open', 'in_progress')`),
  ],
);

/**
 * Everything that happened to a complaint, oldest first: filing, transitions, assignment,
 * responses (visible to the customer, or internal), refund decisions, SLA breaches.
 */
export const complaintEntries = pgTable(
  'complaint_entries',
  {
    id: uuid('id').primaryKey(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    type: text('type', {
      enum: ['filed', 'transition', 'assigned', 'response', 'refund_decided', 'overdue'],
    }).notNull(),
    visibility: text('visibility', { enum: ['customer', 'internal'] }).notNull(),
    actorType: text('actor_type', { enum: ['user', 'customer', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    fromState: text('from_state'),
    toState: text('to_state'),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    versionAfter: integer('version_after').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('complaint_entries_complaint_idx').on(t.complaintId, t.at, t.id)],
);

/**
 * A refund decided on a complaint: the amount the future online-refund step will pay back
 * (`decided` until then). The sum over an order never exceeds its total.
 */
export const refundDecisions = pgTable(
  'refund_decisions',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id').notNull(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['decided', 'refunded', 'failed'] })
      .notNull()
      .default('decided'),
    note: text('note'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: ts('decided_at').notNull(),
  },
  (t) => [
    index('refund_decisions_order_idx').on(t.orderId),
    index('refund_decisions_complaint_idx').on(t.complaintId),
    check('refund_decisions_amount_ck', sql`${t.amount} > 0`),
  ],
);

import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { businesses, stores, users } from './schema.ts';

/**
 * Exceptions that have no row of their own elsewhere: a submission refused for stock (the order
 * never came to exist, so this row is written in its own transaction after the rollback), a payment
 * that does not match its order. Staff acknowledge and resolve them.
 */
export const orderIncidents = pgTable(
  'order_incidents',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    storeId: uuid('store_id').references(() => stores.id),
    kind: text('kind', { enum: ['out_of_stock_at_submission', 'payment_mismatch'] }).notNull(),
    orderId: uuid('order_id'),
    customerId: uuid('customer_id'),
    userId: uuid('user_id').references(() => users.id),
    channel: text('channel'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: ts('acknowledged_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    // the exceptions view only ever reads the unresolved ones
    index('order_incidents_open_idx')
      .on(t.businessId, t.createdAt, t.id)
      .where(sql`${t.status} <> 'resolved'`),
  ],
);

/**
 * While an approver is away, a colleague decides their approvals: one delegation per delegator,
 * valid in [startsAt, endsAt). Only direct delegations count — never a chain.
 */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    delegatorId: uuid('delegator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    delegateId: uuid('delegate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    reason: text('reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('approval_delegations_delegator_uq').on(t.delegatorId),
    index('approval_delegations_delegate_idx').on(t.delegateId, t.endsAt),
  ],
);

import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { businesses, customers, users } from './schema.ts';

/**
 * The in-app notification centre: one row per recipient of an outbox delivery. The unique
 * (outbox id, recipient) pair makes a repeated delivery of the same row a no-op.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    outboxId: uuid('outbox_id').notNull(),
    event: text('event').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    orderId: uuid('order_id'),
    link: text('link'),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_uq').on(t.outboxId, t.userId),
    uniqueIndex('notifications_customer_dedupe_uq').on(t.outboxId, t.customerId),
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
    check('notifications_recipient_ck', sql`(${t.userId} IS NULL) <> (${t.customerId} IS NULL)`),
  ],
);

/** A business's outgoing webhooks: its own systems, told of events, HMAC-signed with `secret`. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** Template keys (`new_order`…) this endpoint wants; empty means every event. */
    events: text('events').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_business_idx').on(t.businessId, t.createdAt)],
);

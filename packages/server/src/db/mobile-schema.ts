import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { businesses, customers } from './schema.ts';

/**
 * What a customer answered when asked for order messages, per kind of message. On WeChat each
 * consent allows exactly one message of that template, so accepts are counted as grants (the sender
 * uses one per message).
 */
export const customerMessageConsents = pgTable(
  'customer_message_consents',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    event: text('event', { enum: ['order_accepted', 'order_ready', 'order_rejected'] }).notNull(),
    channel: text('channel', { enum: ['wechat', 'alipay', 'h5'] }).notNull(),
    status: text('status', { enum: ['accept', 'reject'] }).notNull(),
    grants: integer('grants').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.event] })],
);

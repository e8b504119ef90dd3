import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { refundDecisions } from './complaint-schema.ts';
import { orders } from './order-schema.ts';
import { businesses, users } from './schema.ts';

const kinds = ['payment', 'refund'] as const;
const methods = ['cash', 'card', 'bank_transfer', 'wechat_offline', 'alipay_offline', 'other'] as const;

/**
 * Money taken or given back outside the system (at the counter, by bank slip), recorded by staff.
 * Amounts are positive minor units in the order's currency; `kind` says which way the money went.
 * A mistaken entry is voided (who, when, why), never deleted, so the ledger always adds up.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: kinds }).notNull(),
    method: text('method', { enum: methods }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reference: text('reference'),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
    /** A refund that pays out a complaint's refund decision (which is then `refunded`). */
    refundDecisionId: uuid('refund_decision_id').references(() => refundDecisions.id),
  },
  (t) => [
    // an order's ledger, oldest first
    index('payments_order_idx').on(t.orderId, t.recordedAt, t.id),
    check('payments_amount_ck', sql`${t.amount} > 0`),
    check('payments_void_ck', sql`(${t.voidedAt} IS NULL) = (${t.voidedBy} IS NULL)`),
  ],
);

import type { Payment } from '@orderloop/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/connect.ts';
import { payments } from '../db/payment-schema.ts';
import { users } from '../db/schema.ts';
import type { Totals } from './status.ts';

export type PaymentRow = typeof payments.$inferSelect;

/** What an order's entries not voided add up to; read under the order's row lock when changing. */
export async function totalsOf(db: DbOrTx, orderId: string): Promise<Totals> {
  const [t] = await db
    .select({
      paid: sql<string>`coalesce(sum(${payments.amount}) filter (where ${payments.kind} = 'payment'), 0)`,
      refunded: sql<string>`coalesce(sum(${payments.amount}) filter (where ${payments.kind} = 'refund'), 0)`,
    })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), isNull(payments.voidedAt)));
  return { paid: Number(t?.paid ?? 0), refunded: Number(t?.refunded ?? 0) };
}

type Names = { recordedByName: string; voidedByName: string | null };

export const toPayment = (p: PaymentRow, n: Names): Payment => ({
  id: p.id,
  orderId: p.orderId,
  kind: p.kind,
  method: p.method,
  amount: p.amount,
  currency: p.currency,
  reference: p.reference,
  note: p.note,
  refundDecisionId: p.refundDecisionId,
  recordedBy: { id: p.recordedBy, name: n.recordedByName },
  recordedAt: p.recordedAt.toISOString(),
  voided:
    p.voidedAt && p.voidedBy
      ? {
          at: p.voidedAt.toISOString(),
          by: { id: p.voidedBy, name: n.voidedByName ?? '' },
          reason: p.voidReason ?? '',
        }
      : null,
});

const voider = alias(users, 'voider');

/** One order's entries, oldest first, with the names of who recorded and voided them. */
export async function paymentsOf(db: DbOrTx, orderId: string, id?: string): Promise<Payment[]> {
  const rows = await db
    .select({ p: payments, recordedByName: users.displayName, voidedByName: voider.displayName })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.recordedBy))
    .leftJoin(voider, eq(voider.id, payments.voidedBy))
    .where(and(eq(payments.orderId, orderId), id ? eq(payments.id, id) : undefined))
    .orderBy(asc(payments.recordedAt), asc(payments.id));
  return rows.map((r) => toPayment(r.p, r));
}

import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';

export const paymentKinds = ['payment', 'refund'] as const;
export type PaymentKind = (typeof paymentKinds)[number];
/** Offline methods: the money changed hands outside the system, staff record that it did. */
export const paymentMethods = [
  'cash',
  'card',
  'bank_transfer',
  'wechat_offline',
  'alipay_offline',
  'other',
] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
const paymentStatuses = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;

export const recordPaymentSchema = z.strictObject({
  kind: z
    .enum(paymentKinds)
    .default('payment')
    .describe('`payment`: money taken; `refund`: money given back (at most what was paid)'),
  method: z.enum(paymentMethods),
  amount: z
    .number()
    .int()
    .min(1)
    .max(1e13)
    .describe("Minor units of the order's currency; a payment at most what is outstanding"),
  reference: z.string().trim().max(100).optional().describe('E.g. a bank slip or terminal receipt number'),
  note: z.string().trim().max(1000).optional(),
  refundDecisionId: idSchema
    .optional()
    .describe(
      'With kind `refund`: the complaint refund decision (status `decided`, same amount) this pays out; it becomes `refunded`',
    ),
});

export const voidPaymentSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why the entry was a mistake'),
});

export const paymentParams = z.object({ id: idSchema, paymentId: idSchema });

const userRef = z.object({ id: idSchema, name: z.string() });

export const paymentSchema = z
  .object({
    id: idSchema,
    orderId: idSchema,
    kind: z.enum(paymentKinds),
    method: z.enum(paymentMethods),
    amount: z.number().int(),
    currency: z.string(),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    refundDecisionId: idSchema.nullable().describe('The complaint refund decision this refund paid out'),
    recordedBy: userRef,
    recordedAt: timestampSchema,
    voided: z
      .object({ at: timestampSchema, by: userRef, reason: z.string() })
      .nullable()
      .describe('Set when the entry was voided; a voided entry counts for nothing'),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof paymentSchema>;

export const paymentSummarySchema = z.object({
  currency: z.string(),
  total: z.number().int().describe("The order's total"),
  paid: z.number().int().describe('Payments not voided'),
  refunded: z.number().int().describe('Refunds not voided'),
  net: z.number().int().describe('paid − refunded'),
  outstanding: z.number().int().describe('total − net, never below 0'),
  paymentStatus: z.enum(paymentStatuses),
  orderVersion: z.number().int().describe('The order version after the last change'),
});
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;

export const orderPaymentsSchema = z.object({
  items: z.array(paymentSchema).describe('Oldest first, voided entries included'),
  summary: paymentSummarySchema,
  canRecord: z.boolean().describe('Whether the caller may record, refund and void on this order'),
});
export type OrderPayments = z.infer<typeof orderPaymentsSchema>;

export const paymentResultSchema = z.object({ payment: paymentSchema, summary: paymentSummarySchema });
export type PaymentResult = z.infer<typeof paymentResultSchema>;

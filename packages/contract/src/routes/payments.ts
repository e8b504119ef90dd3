import { defineRoute, type RouteDef } from '../route.ts';
import { idParams } from '../schemas/common.ts';
import {
  orderPaymentsSchema,
  paymentParams,
  paymentResultSchema,
  recordPaymentSchema,
  voidPaymentSchema,
} from '../schemas/payments.ts';
import { staff } from './access.ts';

const tag = 'payments';

export const paymentRoutes = {
  listOrderPayments: defineRoute({
    method: 'GET',
    path: '/api/orders/:id/payments',
    summary: "An order's offline payments and refunds (voided ones too) and what is paid and outstanding",
    tag,
    access: staff('orders.read'),
    params: idParams,
    response: orderPaymentsSchema,
  }),
  recordPayment: defineRoute({
    method: 'POST',
    path: '/api/orders/:id/payments',
    summary:
      'Record money taken (or, with kind `refund`, given back) outside the system: never more than outstanding (or than paid); updates the order’s payment status',
    tag,
    access: staff('payments.record'),
    params: idParams,
    body: recordPaymentSchema,
    response: paymentResultSchema,
    status: 201,
    idempotency: 'optional',
  }),
  voidPayment: defineRoute({
    method: 'POST',
    path: '/api/orders/:id/payments/:paymentId/void',
    summary:
      'Void a mistaken payment or refund (kept, struck through, with the reason); payment status follows',
    tag,
    access: staff('payments.record'),
    params: paymentParams,
    body: voidPaymentSchema,
    response: paymentResultSchema,
  }),
} satisfies Record<string, RouteDef>;

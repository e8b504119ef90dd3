import { defineRoute, type RouteDef } from '../route.ts';
import { cursorQuery, idParams, page } from '../schemas/common.ts';
import {
  createOrderSchema,
  customerCreateOrderSchema,
  orderListExtras,
  orderListQuery,
  orderSchema,
  orderSummarySchema,
} from '../schemas/orders.ts';
import { customerQuoteRequestSchema, quoteRequestSchema, quoteSchema } from '../schemas/quote.ts';
import { customer, staff } from './access.ts';

export const orderRoutes = {
  quote: defineRoute({
    method: 'POST',
    path: '/api/orders/quote',
    summary:
      "Price a cart the way an order would be priced: lines, discounts, tax, fees, totals and each line's availability",
    tag: 'orders',
    access: staff('orders.create'),
    body: quoteRequestSchema,
    response: quoteSchema,
    readOnly: true,
  }),
  customerQuote: defineRoute({
    method: 'POST',
    path: '/api/customer/quote',
    summary: "Price the signed-in customer's cart (their own price list, no discounts or overrides)",
    tag: 'orders',
    access: customer,
    body: customerQuoteRequestSchema,
    response: quoteSchema,
    readOnly: true,
  }),
  createOrder: defineRoute({
    method: 'POST',
    path: '/api/orders',
    summary:
      'Enter an order (or save a draft): priced, numbered and, when submitted, stock reserved — all or nothing',
    tag: 'orders',
    access: staff('orders.create'),
    body: createOrderSchema,
    response: orderSchema,
    status: 201,
    idempotency: 'optional',
  }),
  listOrders: defineRoute({
    method: 'GET',
    path: '/api/orders',
    summary: 'Orders within my scope: filters, search, sort, keyset pages',
    tag: 'orders',
    access: staff('orders.read'),
    query: cursorQuery.extend(orderListQuery.shape).extend(orderListExtras.shape),
    response: page(orderSummarySchema),
  }),
  getOrder: defineRoute({
    method: 'GET',
    path: '/api/orders/:id',
    summary: 'One order',
    tag: 'orders',
    access: staff('orders.read'),
    params: idParams,
    response: orderSchema,
  }),
  customerCreateOrder: defineRoute({
    method: 'POST',
    path: '/api/customer/orders',
    summary:
      'Submit the signed-in customer’s cart; an Idempotency-Key is required so a double tap makes one order',
    tag: 'orders',
    access: customer,
    body: customerCreateOrderSchema,
    response: orderSchema,
    status: 201,
    idempotency: 'required',
  }),
  customerGetOrder: defineRoute({
    method: 'GET',
    path: '/api/customer/orders/:id',
    summary: 'One of my orders',
    tag: 'orders',
    access: customer,
    params: idParams,
    response: orderSchema,
  }),
} satisfies Record<string, RouteDef>;

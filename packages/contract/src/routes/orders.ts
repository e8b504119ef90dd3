import { defineRoute, type RouteDef } from '../route.ts';
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
} satisfies Record<string, RouteDef>;

import { defineRoute, type RouteDef } from '../route.ts';
import { idParams } from '../schemas/common.ts';
import { batchRequestSchema, batchResultSchema, editOrderSchema } from '../schemas/order-edit.ts';
import { orderSchema } from '../schemas/orders.ts';
import { staff } from './access.ts';

export const orderEditRoutes = {
  editOrder: defineRoute({
    method: 'PATCH',
    path: '/api/orders/:id',
    summary:
      'Edit an order where its workflow state allows: lines re-priced on the server, reservations adjusted, approval rules re-checked, every changed field audited',
    tag: 'orders',
    access: staff('orders.edit'),
    params: idParams,
    body: editOrderSchema,
    response: orderSchema,
  }),
  batchOrders: defineRoute({
    method: 'POST',
    path: '/api/orders/batch',
    summary:
      'Apply one operation (assign, tags, requested date, custom fields, workflow action) to a selection or a filter; each order all-or-nothing, with a result per order',
    tag: 'orders',
    access: staff('orders.batch'),
    body: batchRequestSchema,
    response: batchResultSchema,
  }),
} satisfies Record<string, RouteDef>;

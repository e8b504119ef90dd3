import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.ts';
import { idParams } from '../schemas/common.ts';
import { deliverySchema } from '../schemas/notifications.ts';
import { staff } from './access.ts';

// What an order's timeline needs beyond the order itself: the notices sent about it.
export const orderTimelineRoutes = {
  listOrderDeliveries: defineRoute({
    method: 'GET',
    path: '/api/orders/:id/deliveries',
    summary:
      'The notifications sent (or being sent) about one order I can read, oldest first (at most 200); ' +
      '`lastError` only for those who manage the outbox',
    tag: 'outbox',
    access: staff('orders.read'),
    params: idParams,
    response: z.array(deliverySchema),
  }),
} satisfies Record<string, RouteDef>;

import { routes } from '@orderloop/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../http/context.ts';
import { type Endpoint, endpoint } from '../http/register.ts';
import { readCustomerOrder, readOrder } from '../workflow/service.ts';
import { batchOrders } from './batch.ts';
import { type Created, createCustomerOrder, createStaffOrder } from './create.ts';
import { editOrder } from './edit.ts';
import { listOrders } from './list.ts';

const idempotencyKey = (req: FastifyRequest) => {
  const v = req.headers['idempotency-key'];
  return typeof v === 'string' && v ? v : undefined;
};

/** A replay changed nothing, so it writes no audit entry; it says so in a header instead. */
function answer(ctx: Ctx, reply: FastifyReply, { order, replayed }: Created) {
  if (replayed) {
    ctx.audited = true;
    reply.header('idempotent-replayed', 'true');
  }
  return order;
}

export const orderEndpoints: Endpoint[] = [
  endpoint(routes.createOrder, async (ctx, { body }, { req, reply }) =>
    answer(ctx, reply, await createStaffOrder(ctx, body, idempotencyKey(req))),
  ),
  endpoint(routes.listOrders, (ctx, { query }) => listOrders(ctx, query)),
  endpoint(routes.editOrder, async (ctx, { params, body }) =>
    readOrder(ctx, (await editOrder(ctx, params.id, body)).id),
  ),
  endpoint(routes.batchOrders, (ctx, { body }) => batchOrders(ctx, body)),
  endpoint(routes.getOrder, (ctx, { params }) => readOrder(ctx, params.id)),
  endpoint(routes.customerCreateOrder, async (ctx, { body }, { req, reply }) =>
    answer(ctx, reply, await createCustomerOrder(ctx, body, idempotencyKey(req))),
  ),
  endpoint(routes.customerGetOrder, (ctx, { params }) => readCustomerOrder(ctx, params.id)),
];

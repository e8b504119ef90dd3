import { routes } from '@orderloop/contract';
import type { FastifyRequest } from 'fastify';
import { type Endpoint, endpoint } from '../http/register.ts';
import { recordPayment, voidPayment } from './change.ts';
import { listOrderPayments } from './read.ts';

const idempotencyKey = (req: FastifyRequest) => {
  const v = req.headers['idempotency-key'];
  return typeof v === 'string' && v ? v : undefined;
};

export const paymentEndpoints: Endpoint[] = [
  endpoint(routes.listOrderPayments, (ctx, { params }) => listOrderPayments(ctx, params.id)),
  endpoint(routes.recordPayment, async (ctx, { params, body }, { req, reply }) => {
    const { result, replayed } = await recordPayment(ctx, params.id, body, idempotencyKey(req));
    if (replayed) {
      // a replay changed nothing, so it writes no audit entry; it says so in a header instead
      ctx.audited = true;
      reply.header('idempotent-replayed', 'true');
    }
    return result;
  }),
  endpoint(routes.voidPayment, (ctx, { params, body }) =>
    voidPayment(ctx, params.id, params.paymentId, body),
  ),
];

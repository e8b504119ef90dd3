import { routes } from '@orderloop/contract';
import type { FastifyReply } from 'fastify';
import { type Endpoint, endpoint } from '../http/register.ts';
import { decideApproval, listApprovals } from './approval-service.ts';
import { getWorkflow, listWorkflows, publishWorkflow, validateWorkflow } from './publish.ts';
import { customerTransition, transitionOrder } from './service.ts';

const answer = <T>(reply: FastifyReply, out: { order: T; replayed: boolean }) => {
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  return out.order;
};

export const workflowEndpoints: Endpoint[] = [
  endpoint(routes.transitionOrder, async (ctx, { params, body }, { reply }) =>
    answer(reply, await transitionOrder(ctx, params.id, body)),
  ),
  endpoint(routes.customerTransitionOrder, async (ctx, { params, body }, { reply }) =>
    answer(reply, await customerTransition(ctx, params.id, body)),
  ),
  endpoint(routes.listWorkflows, (ctx) => listWorkflows(ctx)),
  endpoint(routes.getWorkflow, (ctx, { params }) => getWorkflow(ctx, params.id)),
  endpoint(routes.publishWorkflow, (ctx, { body }) => publishWorkflow(ctx, body)),
  endpoint(routes.listApprovals, (ctx) => listApprovals(ctx)),
  endpoint(routes.decideApproval, (ctx, { params, body }) => decideApproval(ctx, params.id, body)),
  endpoint(routes.validateWorkflow, (ctx, { body }) => validateWorkflow(ctx, body.definition)),
];

import { defineRoute, type RouteDef } from '../route.ts';
import { idParams, page } from '../schemas/common.ts';
import { orderSchema } from '../schemas/orders.ts';
import {
  approvalDecisionSchema,
  approvalSchema,
  publishWorkflowSchema,
  transitionRequestSchema,
  workflowSchema,
  workflowValidationSchema,
} from '../schemas/workflow.ts';
import { customer, staff } from './access.ts';

export const workflowRoutes = {
  transitionOrder: defineRoute({
    method: 'POST',
    path: '/api/orders/:id/transitions',
    summary:
      'Take a workflow action on an order (permission, scope, state, conditions checked; a repeat of the action that made `expectedVersion`+1 is a no-op)',
    tag: 'workflow',
    access: staff('orders.read'),
    params: idParams,
    body: transitionRequestSchema,
    response: orderSchema,
  }),
  customerTransitionOrder: defineRoute({
    method: 'POST',
    path: '/api/customer/orders/:id/transitions',
    summary: 'Take a customer action on one of my orders (e.g. cancel before the store accepts it)',
    tag: 'workflow',
    access: customer,
    params: idParams,
    body: transitionRequestSchema,
    response: orderSchema,
  }),
  listWorkflows: defineRoute({
    method: 'GET',
    path: '/api/workflows',
    summary:
      "Every published version of the business's workflow definitions; the newest of each key is current",
    tag: 'workflow',
    access: staff('orders.read'),
    response: page(workflowSchema),
  }),
  getWorkflow: defineRoute({
    method: 'GET',
    path: '/api/workflows/:id',
    summary: 'One published workflow version',
    tag: 'workflow',
    access: staff('orders.read'),
    params: idParams,
    response: workflowSchema,
  }),
  publishWorkflow: defineRoute({
    method: 'POST',
    path: '/api/workflows',
    summary:
      'Validate and publish a definition as the next version of its key (reachability, known states and effects, a terminal state); running orders keep their version',
    tag: 'workflow',
    access: staff('workflows.manage'),
    body: publishWorkflowSchema,
    response: workflowSchema,
    status: 201,
  }),
  listApprovals: defineRoute({
    method: 'GET',
    path: '/api/approvals',
    summary: 'My approvals inbox: pending approvals whose waiting step I may decide',
    tag: 'workflow',
    access: staff('orders.approve'),
    response: page(approvalSchema),
  }),
  decideApproval: defineRoute({
    method: 'POST',
    path: '/api/approvals/:id/decisions',
    summary: 'Approve or reject the waiting step of an approval, with a comment',
    tag: 'workflow',
    access: staff('orders.approve'),
    params: idParams,
    body: approvalDecisionSchema,
    response: approvalSchema,
  }),
  validateWorkflow: defineRoute({
    method: 'POST',
    path: '/api/workflows/validate',
    summary:
      'Run the publish checks on a definition without publishing it: 200 with counts when it would publish, else the same 400 WORKFLOW_INVALID (field errors) as publishing',
    tag: 'workflow',
    access: staff('workflows.manage'),
    body: publishWorkflowSchema.pick({ definition: true }),
    response: workflowValidationSchema,
    readOnly: true,
  }),
} satisfies Record<string, RouteDef>;

import { defineRoute, type RouteDef } from '../route.ts';
import { idParams } from '../schemas/common.ts';
import {
  approvalSettingsSchema,
  delegateCandidateSchema,
  delegationSchema,
  exceptionListQuery,
  exceptionPageSchema,
  exceptionSummaryQuery,
  exceptionSummarySchema,
  incidentSchema,
  incidentUpdateSchema,
  myDelegationsSchema,
  putDelegationSchema,
} from '../schemas/exceptions.ts';
import { staff } from './access.ts';

export const exceptionRoutes = {
  listExceptions: defineRoute({
    method: 'GET',
    path: '/api/exceptions',
    summary:
      'Overdue orders, rejections, refused submissions, payment mismatches, failed deliveries and open complaints, newest first, in my scope; with counts per kind',
    tag: 'exceptions',
    access: staff('orders.read'),
    query: exceptionListQuery,
    response: exceptionPageSchema,
  }),
  exceptionSummary: defineRoute({
    method: 'GET',
    path: '/api/exceptions/summary',
    summary: 'How many exceptions of each kind stand now, in my scope',
    tag: 'exceptions',
    access: staff('orders.read'),
    query: exceptionSummaryQuery,
    response: exceptionSummarySchema,
  }),
  updateIncident: defineRoute({
    method: 'PATCH',
    path: '/api/exceptions/incidents/:id',
    summary:
      'Acknowledge or resolve an incident (refused submission, payment mismatch); resolved ones leave the list',
    tag: 'exceptions',
    access: staff('orders.transition'),
    params: idParams,
    body: incidentUpdateSchema,
    response: incidentSchema,
  }),
  getApprovalDelegations: defineRoute({
    method: 'GET',
    path: '/api/approvals/delegation',
    summary: 'My delegation (who decides my approvals while I am away) and those made to me',
    tag: 'workflow',
    access: staff('orders.approve'),
    response: myDelegationsSchema,
  }),
  putApprovalDelegation: defineRoute({
    method: 'PUT',
    path: '/api/approvals/delegation',
    summary:
      'Set my delegation: during [from, until) the delegate sees my approvals in their inbox and decides them on my behalf',
    tag: 'workflow',
    access: staff('orders.approve'),
    body: putDelegationSchema,
    response: delegationSchema,
  }),
  listDelegateCandidates: defineRoute({
    method: 'GET',
    path: '/api/approvals/delegates',
    summary: 'Active colleagues who may approve orders: whom I can delegate my approvals to',
    tag: 'workflow',
    access: staff('orders.approve'),
    response: delegateCandidateSchema.array(),
  }),
  deleteApprovalDelegation: defineRoute({
    method: 'DELETE',
    path: '/api/approvals/delegation',
    summary: 'End my delegation',
    tag: 'workflow',
    access: staff('orders.approve'),
    response: null,
    status: 204,
  }),
  getApprovalSettings: defineRoute({
    method: 'GET',
    path: '/api/approval-settings',
    summary: "The business's approval settings (reminder delay)",
    tag: 'workflow',
    access: staff('orders.approve'),
    response: approvalSettingsSchema,
  }),
  putApprovalSettings: defineRoute({
    method: 'PUT',
    path: '/api/approval-settings',
    summary: 'Change the approval reminder delay (applies to approvals opened from now on)',
    tag: 'workflow',
    access: staff('workflows.manage'),
    body: approvalSettingsSchema,
    response: approvalSettingsSchema,
  }),
} satisfies Record<string, RouteDef>;

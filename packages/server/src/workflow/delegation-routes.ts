import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { getApprovalSettings, putApprovalSettings } from './approval-settings.ts';
import { deleteDelegation, getDelegations, listDelegateCandidates, putDelegation } from './delegation.ts';

export const delegationEndpoints: Endpoint[] = [
  endpoint(routes.getApprovalDelegations, (ctx) => getDelegations(ctx)),
  endpoint(routes.putApprovalDelegation, (ctx, { body }) => putDelegation(ctx, body)),
  endpoint(routes.deleteApprovalDelegation, async (ctx) => {
    await deleteDelegation(ctx);
    return undefined;
  }),
  endpoint(routes.listDelegateCandidates, (ctx) => listDelegateCandidates(ctx)),
  endpoint(routes.getApprovalSettings, (ctx) => getApprovalSettings(ctx)),
  endpoint(routes.putApprovalSettings, (ctx, { body }) => putApprovalSettings(ctx, body)),
];

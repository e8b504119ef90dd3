import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createRole, deleteRole, listPermissions, listRoles, updateRole } from './service.ts';

export const roleEndpoints: Endpoint[] = [
  endpoint(routes.listPermissions, async (ctx) => listPermissions(ctx)),
  endpoint(routes.listRoles, (ctx) => listRoles(ctx)),
  endpoint(routes.createRole, (ctx, { body }) => createRole(ctx, body)),
  endpoint(routes.updateRole, (ctx, { params, body }) => updateRole(ctx, params.id, body)),
  endpoint(routes.deleteRole, async (ctx, { params }) => {
    await deleteRole(ctx, params.id);
    return undefined;
  }),
];

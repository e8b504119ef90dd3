import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createUser, getUser, listUsers, revokeSessionsOf, setUserGrants, updateUser } from './service.ts';

export const userEndpoints: Endpoint[] = [
  endpoint(routes.listUsers, (ctx, { query }) => listUsers(ctx, query)),
  endpoint(routes.getUser, (ctx, { params }) => getUser(ctx, params.id)),
  endpoint(routes.createUser, (ctx, { body }) => createUser(ctx, body)),
  endpoint(routes.updateUser, (ctx, { params, body }) => updateUser(ctx, params.id, body)),
  endpoint(routes.setUserGrants, (ctx, { params, body }) => setUserGrants(ctx, params.id, body)),
  endpoint(routes.revokeUserSessions, (ctx, { params }) => revokeSessionsOf(ctx, params.id)),
];

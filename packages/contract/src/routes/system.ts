import { defineRoute, type RouteDef } from '../route.ts';
import { healthSchema, readySchema } from '../schemas/business.ts';
import { pub } from './access.ts';

export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    summary: 'Process is up',
    tag: 'system',
    access: pub,
    response: healthSchema,
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/readyz',
    summary: 'Database reachable and migrations current',
    tag: 'system',
    access: pub,
    response: readySchema,
  }),
} satisfies Record<string, RouteDef>;

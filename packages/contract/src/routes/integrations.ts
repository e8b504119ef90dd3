import { defineRoute, type RouteDef } from '../route.ts';
import { integrationKeyParams, integrationSchema, integrationTestSchema } from '../schemas/integrations.ts';
import { staff } from './access.ts';

export const integrationRoutes = {
  listIntegrations: defineRoute({
    method: 'GET',
    path: '/api/integrations',
    summary: 'Outgoing email, webhook endpoints and the ERP push, credentials masked, with their latest test',
    tag: 'channels',
    access: staff('channels.manage'),
    response: integrationSchema.array(),
  }),
  testIntegration: defineRoute({
    method: 'POST',
    path: '/api/integrations/:id/test',
    summary:
      'Test a connection without sending anything real: SMTP connect + EHLO, a signed `ping` event to a webhook; recorded in the audit log',
    tag: 'channels',
    access: staff('channels.manage'),
    params: integrationKeyParams,
    response: integrationTestSchema,
  }),
} satisfies Record<string, RouteDef>;

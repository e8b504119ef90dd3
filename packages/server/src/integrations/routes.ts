import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { listIntegrations, testIntegration } from './service.ts';

export const integrationEndpoints: Endpoint[] = [
  endpoint(routes.listIntegrations, (ctx) => listIntegrations(ctx)),
  endpoint(routes.testIntegration, (ctx, { params }) => testIntegration(ctx, params.id)),
];

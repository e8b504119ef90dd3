import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { updateIncident } from './incidents.ts';
import { exceptionSummary, listExceptions } from './service.ts';

export const exceptionEndpoints: Endpoint[] = [
  endpoint(routes.listExceptions, (ctx, { query }) => listExceptions(ctx, query)),
  endpoint(routes.exceptionSummary, (ctx, { query }) => exceptionSummary(ctx, query)),
  endpoint(routes.updateIncident, (ctx, { params, body }) => updateIncident(ctx, params.id, body)),
];

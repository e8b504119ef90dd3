import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { listAudit } from './service.ts';

export const auditEndpoints: Endpoint[] = [
  endpoint(routes.listAudit, (ctx, { query }) => listAudit(ctx, query)),
];

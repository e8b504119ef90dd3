import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { bulkUpdateOrders } from './service.ts';

export const orderBulkUpdateEndpoints: Endpoint[] = [
  endpoint(routes.bulkUpdateOrders, (ctx, { query, file }) => bulkUpdateOrders(ctx, file, query)),
];

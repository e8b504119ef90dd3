import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './service.ts';

export const customerEndpoints: Endpoint[] = [
  endpoint(routes.listCustomers, (ctx, { query }) => listCustomers(ctx, query)),
  endpoint(routes.getCustomer, (ctx, { params }) => getCustomer(ctx, params.id)),
  endpoint(routes.createCustomer, (ctx, { body }) => createCustomer(ctx, body)),
  endpoint(routes.updateCustomer, (ctx, { params, body }) => updateCustomer(ctx, params.id, body)),
];

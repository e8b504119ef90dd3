import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createStore, getStore, listStores, updateStore } from './service.ts';

export const storeEndpoints: Endpoint[] = [
  endpoint(routes.listStores, (ctx) => listStores(ctx)),
  endpoint(routes.getStore, (ctx, { params }) => getStore(ctx, params.id)),
  endpoint(routes.createStore, (ctx, { body }) => createStore(ctx, body)),
  endpoint(routes.updateStore, (ctx, { params, body }) => updateStore(ctx, params.id, body)),
];

import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { customerMenu, publicMenu } from './menu.ts';
import { listMyOrders } from './my-orders.ts';
import { getStorefront, listStorefronts, updateStorefront } from './store-page.ts';

export const storefrontEndpoints: Endpoint[] = [
  endpoint(routes.storefrontStores, (ctx, { query }) => listStorefronts(ctx, query.business)),
  endpoint(routes.storefrontStore, (ctx, { params }) => getStorefront(ctx, params.id)),
  endpoint(routes.storefrontMenu, (ctx, { params }) => publicMenu(ctx, params.id)),
  endpoint(routes.customerMenu, (ctx, { params }) => customerMenu(ctx, params.id)),
  endpoint(routes.customerListOrders, (ctx, { query }) => listMyOrders(ctx, query)),
  endpoint(routes.updateStorefront, (ctx, { params, body }) => updateStorefront(ctx, params.id, body)),
];

import { defineRoute, type RouteDef } from '../route.ts';
import { cursorQuery, idParams, page } from '../schemas/common.ts';
import {
  customerOrderSummarySchema,
  menuSchema,
  storefrontQuery,
  storefrontSchema,
  storefrontSettingsInputSchema,
  storefrontSettingsSchema,
} from '../schemas/storefront.ts';
import { customer, pub, staff } from './access.ts';

/** What the mini-program reads before and after a customer signs in. */
export const storefrontRoutes = {
  storefrontStores: defineRoute({
    method: 'GET',
    path: '/api/storefront/stores',
    summary: "A business's open stores as customers see them (for an app opened without a store QR code)",
    tag: 'storefront',
    access: pub,
    query: storefrontQuery,
    response: storefrontSchema.array(),
  }),
  storefrontStore: defineRoute({
    method: 'GET',
    path: '/api/storefront/stores/:id',
    summary: 'A store page: name, hours, open now, ordering modes, announcement',
    tag: 'storefront',
    access: pub,
    params: idParams,
    response: storefrontSchema,
  }),
  storefrontMenu: defineRoute({
    method: 'GET',
    path: '/api/storefront/stores/:id/menu',
    summary:
      "A store's menu for anyone: categories in order, products offered there, base prices, states now",
    tag: 'storefront',
    access: pub,
    params: idParams,
    response: menuSchema,
  }),
  customerMenu: defineRoute({
    method: 'GET',
    path: '/api/customer/stores/:id/menu',
    summary: "The menu with the signed-in customer's prices (their price list, when they have one)",
    tag: 'storefront',
    access: customer,
    params: idParams,
    response: menuSchema,
  }),
  customerListOrders: defineRoute({
    method: 'GET',
    path: '/api/customer/orders',
    summary: 'My orders, newest first, in keyset pages',
    tag: 'storefront',
    access: customer,
    query: cursorQuery,
    response: page(customerOrderSummarySchema),
  }),
  updateStorefront: defineRoute({
    method: 'PUT',
    path: '/api/stores/:id/storefront',
    summary: "Set a store's announcement and ordering modes",
    tag: 'stores',
    access: staff('stores.manage'),
    params: idParams,
    body: storefrontSettingsInputSchema,
    response: storefrontSettingsSchema,
  }),
} satisfies Record<string, RouteDef>;

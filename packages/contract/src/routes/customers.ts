import { defineRoute, type RouteDef } from '../route.ts';
import {
  createCustomerSchema,
  customerListQuery,
  customerSchema,
  updateCustomerSchema,
} from '../schemas/business.ts';
import { cursorQuery, idParams, page } from '../schemas/common.ts';
import { staff } from './access.ts';

export const customerRoutes = {
  listCustomers: defineRoute({
    method: 'GET',
    path: '/api/customers',
    summary: 'Customers and B2B accounts within my scope',
    tag: 'customers',
    access: staff('customers.read'),
    query: cursorQuery.extend(customerListQuery.shape),
    response: page(customerSchema),
  }),
  getCustomer: defineRoute({
    method: 'GET',
    path: '/api/customers/:id',
    summary: 'One customer',
    tag: 'customers',
    access: staff('customers.read'),
    params: idParams,
    response: customerSchema,
  }),
  createCustomer: defineRoute({
    method: 'POST',
    path: '/api/customers',
    summary: 'Create a B2B account or customer',
    tag: 'customers',
    access: staff('customers.write'),
    body: createCustomerSchema,
    response: customerSchema,
    status: 201,
  }),
  updateCustomer: defineRoute({
    method: 'PATCH',
    path: '/api/customers/:id',
    summary: 'Edit a customer',
    tag: 'customers',
    access: staff('customers.write'),
    params: idParams,
    body: updateCustomerSchema,
    response: customerSchema,
  }),
} satisfies Record<string, RouteDef>;

import { defineRoute, type RouteDef } from '../route.ts';
import { okSchema } from '../schemas/common.ts';
import {
  changePasswordSchema,
  customerCodeRequestSchema,
  customerCodeResponseSchema,
  customerLoginRequestSchema,
  customerLoginResponseSchema,
  customerMeSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
} from '../schemas/identity.ts';
import { anyStaff, customer, pub } from './access.ts';

export const identityRoutes = {
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Staff sign-in (cookie session for the console, bearer token for the mini-program)',
    tag: 'auth',
    access: pub,
    body: loginRequestSchema,
    response: loginResponseSchema,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End this session',
    tag: 'auth',
    access: anyStaff,
    response: okSchema,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in staff user, stores and effective permissions',
    tag: 'auth',
    access: anyStaff,
    response: meSchema,
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/password',
    summary: 'Change my password (ends all my other sessions)',
    tag: 'auth',
    access: anyStaff,
    body: changePasswordSchema,
    response: okSchema,
  }),
  customerRequestCode: defineRoute({
    method: 'POST',
    path: '/api/customer-auth/dev/code',
    summary: 'H5 customer login, step 1: send a one-time code through the dev sender (DEV_LOGIN only)',
    tag: 'customer-auth',
    access: pub,
    body: customerCodeRequestSchema,
    response: customerCodeResponseSchema,
  }),
  customerLogin: defineRoute({
    method: 'POST',
    path: '/api/customer-auth/dev/login',
    summary: 'H5 customer login, step 2: exchange phone + code for a bearer token (DEV_LOGIN only)',
    tag: 'customer-auth',
    access: pub,
    body: customerLoginRequestSchema,
    response: customerLoginResponseSchema,
  }),
  customerMe: defineRoute({
    method: 'GET',
    path: '/api/customer/me',
    summary: 'The signed-in customer',
    tag: 'customer-auth',
    access: customer,
    response: customerMeSchema,
  }),
} satisfies Record<string, RouteDef>;

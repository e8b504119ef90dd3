import { defineRoute, type RouteDef } from '../route.ts';
import { customerLoginResponseSchema } from '../schemas/identity.ts';
import {
  channelLoginSchema,
  consentInputSchema,
  consentSchema,
  orderReminderSchema,
} from '../schemas/mobile.ts';
import { customer, pub, staff } from './access.ts';

/** What the mini-program needs beyond the storefront: channel logins, reminders, message consent. */
export const mobileRoutes = {
  customerWechatLogin: defineRoute({
    method: 'POST',
    path: '/api/customer-auth/wechat',
    summary:
      'WeChat mini-program login: the wx.login code for a bearer token (code2session once WeChat is configured; the dev fallback under DEV_LOGIN)',
    tag: 'customer-auth',
    access: pub,
    body: channelLoginSchema,
    response: customerLoginResponseSchema,
  }),
  customerAlipayLogin: defineRoute({
    method: 'POST',
    path: '/api/customer-auth/alipay',
    summary:
      'Alipay mini-program login: the my.getAuthCode code for a bearer token (alipay.system.oauth.token once Alipay is configured; the dev fallback under DEV_LOGIN)',
    tag: 'customer-auth',
    access: pub,
    body: channelLoginSchema,
    response: customerLoginResponseSchema,
  }),
  orderReminders: defineRoute({
    method: 'GET',
    path: '/api/orders/reminders',
    summary:
      'My orders (as their sales rep) that need me: overdue in their state, or rejected/cancelled in the last 14 days',
    tag: 'orders',
    access: staff('orders.read'),
    response: orderReminderSchema.array(),
  }),
  customerGetConsent: defineRoute({
    method: 'GET',
    path: '/api/customer/notification-consent',
    summary: 'What I answered when asked for order messages (accepted, ready, rejected)',
    tag: 'customer-auth',
    access: customer,
    response: consentSchema,
  }),
  customerSetConsent: defineRoute({
    method: 'PUT',
    path: '/api/customer/notification-consent',
    summary: 'Record my answer to the order-message prompt (a WeChat accept adds one one-time grant)',
    tag: 'customer-auth',
    access: customer,
    body: consentInputSchema,
    response: consentSchema,
  }),
} satisfies Record<string, RouteDef>;

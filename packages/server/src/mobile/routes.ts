import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { channelLogin } from './channel-login.ts';
import { getConsent, setConsent } from './consent.ts';
import { listOrderReminders } from './reminders.ts';

export const mobileEndpoints: Endpoint[] = [
  endpoint(routes.customerWechatLogin, (ctx, { body }) => channelLogin(ctx, 'wechat', body)),
  endpoint(routes.customerAlipayLogin, (ctx, { body }) => channelLogin(ctx, 'alipay', body)),
  endpoint(routes.orderReminders, (ctx) => listOrderReminders(ctx)),
  endpoint(routes.customerGetConsent, (ctx) => getConsent(ctx)),
  endpoint(routes.customerSetConsent, (ctx, { body }) => setConsent(ctx, body)),
];

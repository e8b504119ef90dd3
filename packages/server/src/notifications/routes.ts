import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { listNotifications, markAllRead, markRead, unreadCount } from './in-app.ts';
import { listOrderDeliveries } from './order-deliveries.ts';
import { listDeliveries, retryDelivery } from './outbox-service.ts';
import { getNotificationSettings, listTemplates, updateNotificationSettings } from './settings.ts';

import { createWebhook, deleteWebhook, listWebhooks, updateWebhook } from './webhooks-service.ts';

export const notificationEndpoints: Endpoint[] = [
  endpoint(routes.listNotifications, (ctx, { query }) => listNotifications(ctx, query)),
  endpoint(routes.notificationUnreadCount, (ctx) => unreadCount(ctx)),
  endpoint(routes.markNotificationRead, (ctx, { params }) => markRead(ctx, params.id)),
  endpoint(routes.markAllNotificationsRead, (ctx) => markAllRead(ctx)),
  endpoint(routes.listWebhooks, (ctx) => listWebhooks(ctx)),
  endpoint(routes.createWebhook, (ctx, { body }) => createWebhook(ctx, body)),
  endpoint(routes.updateWebhook, (ctx, { params, body }) => updateWebhook(ctx, params.id, body)),
  endpoint(routes.deleteWebhook, async (ctx, { params }) => {
    await deleteWebhook(ctx, params.id);
    return undefined;
  }),
  endpoint(routes.getNotificationSettings, (ctx) => getNotificationSettings(ctx)),
  endpoint(routes.updateNotificationSettings, (ctx, { body }) => updateNotificationSettings(ctx, body)),
  endpoint(routes.listDeliveries, (ctx, { query }) => listDeliveries(ctx, query)),
  endpoint(routes.retryDelivery, (ctx, { params }) => retryDelivery(ctx, params.id)),
  endpoint(routes.listNotificationTemplates, (ctx) => listTemplates(ctx)),
  endpoint(routes.listOrderDeliveries, (ctx, { params }) => listOrderDeliveries(ctx, params.id)),
];

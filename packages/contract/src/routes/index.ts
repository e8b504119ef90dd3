import { adminRoutes } from './admin.ts';
import { attachmentRoutes } from './attachments.ts';
import { catalogRoutes } from './catalog.ts';
import { customerRoutes } from './customers.ts';
import { identityRoutes } from './identity.ts';
import { mobileRoutes } from './mobile.ts';
import { notificationRoutes } from './notifications.ts';
import { orderEditRoutes } from './order-edit.ts';
import { orderToolRoutes } from './order-tools.ts';
import { orderRoutes } from './orders.ts';
import { storefrontRoutes } from './storefront.ts';
import { systemRoutes } from './system.ts';
import { workflowRoutes } from './workflow.ts';

/** The route table: every endpoint of the API, its schemas and its access rule. */
export const routes = {
  ...systemRoutes,
  ...identityRoutes,
  ...adminRoutes,
  ...customerRoutes,
  ...catalogRoutes,
  ...orderRoutes,
  ...orderEditRoutes,
  ...workflowRoutes,
  ...attachmentRoutes,
  ...orderToolRoutes,
  ...storefrontRoutes,
  ...notificationRoutes,
  ...mobileRoutes,
};

export type Routes = typeof routes;
export type RouteKey = keyof Routes;

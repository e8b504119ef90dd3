import { adminRoutes } from './admin.ts';
import { attachmentRoutes } from './attachments.ts';
import { catalogRoutes } from './catalog.ts';
import { complaintRoutes } from './complaints.ts';
import { customerRoutes } from './customers.ts';
import { exceptionRoutes } from './exceptions.ts';
import { identityRoutes } from './identity.ts';
import { integrationRoutes } from './integrations.ts';
import { mobileRoutes } from './mobile.ts';
import { notificationRoutes } from './notifications.ts';
import { orderEditRoutes } from './order-edit.ts';
import { orderTimelineRoutes } from './order-timeline.ts';
import { orderToolRoutes } from './order-tools.ts';
import { orderRoutes } from './orders.ts';
import { paymentRoutes } from './payments.ts';
import { reportRoutes } from './reports.ts';
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
  ...complaintRoutes,
  ...exceptionRoutes,
  ...reportRoutes,
  ...orderTimelineRoutes,
  ...mobileRoutes,
  ...paymentRoutes,
  ...integrationRoutes,
};

export type Routes = typeof routes;
export type RouteKey = keyof Routes;

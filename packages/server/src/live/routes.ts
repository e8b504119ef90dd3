import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import type { Hub } from './hub.ts';
import { customerAudience, serveStream, staffAudience } from './stream.ts';

export const liveEndpoints = (hub: Hub): Endpoint[] => [
  endpoint(routes.eventStream, (ctx, { query }, http) =>
    serveStream(ctx, hub, staffAudience(ctx), query, http),
  ),
  endpoint(routes.customerEventStream, (ctx, { query }, http) =>
    serveStream(ctx, hub, customerAudience(ctx), query, http),
  ),
];

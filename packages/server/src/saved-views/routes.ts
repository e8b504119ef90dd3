import { routes } from '@orderloop/contract';
import { type Endpoint, endpoint } from '../http/register.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './service.ts';

export const savedViewEndpoints: Endpoint[] = [
  endpoint(routes.listSavedViews, (ctx) => listSavedViews(ctx)),
  endpoint(routes.createSavedView, (ctx, { body }) => createSavedView(ctx, body)),
  endpoint(routes.updateSavedView, (ctx, { params, body }) => updateSavedView(ctx, params.id, body)),
  endpoint(routes.deleteSavedView, async (ctx, { params }) => {
    await deleteSavedView(ctx, params.id);
    return undefined;
  }),
];

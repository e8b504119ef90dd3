import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { rebuildReports } from './refresh.ts';

/** An administrator's full recompute of their business's rollups (after imports that bypass events). */
export async function rebuildBusinessReports(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'reports.read');
  // rollups of stores the caller cannot see would be rebuilt too: only an all-scope reader may
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  return rebuildReports(ctx, scope.actor.businessId, (tx, orders) =>
    recordAudit(tx, ctx, {
      action: 'reports.rebuilt',
      entityType: 'business',
      entityId: scope.actor.businessId,
      businessId: scope.actor.businessId,
      after: { orders },
    }),
  );
}

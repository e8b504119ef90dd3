import type { auditQuery } from '@orderloop/contract';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission, scopeFilter } from '../access/access.ts';
import { auditLog } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';

export async function listAudit(
  ctx: Ctx,
  q: z.output<typeof auditQuery> & { cursor?: string; limit: number },
) {
  const scope = requirePermission(ctx.actor, 'audit.read');
  const after = decodeCursor(q.cursor, 1) as [number] | null;
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.businessId, scope.actor.businessId),
        scopeFilter(scope, { store: auditLog.storeId, owners: [auditLog.actorId] }),
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        after ? lt(auditLog.id, Number(after[0])) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.id]);
  return {
    items: page.items.map(({ businessId: _, at, id, ...r }) => ({
      ...r,
      id: String(id),
      at: at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

import type { ApprovalSettings } from '@orderloop/contract';
import { eq, sql } from 'drizzle-orm';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { businesses } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError } from '../lib/errors.ts';

/** An approval step that waits longer than this gets one reminder to its approvers. */
export const DEFAULT_REMINDER_MINUTES = 240;

export async function approvalSettingsOf(db: DbOrTx, businessId: string): Promise<ApprovalSettings> {
  const [b] = await db
    .select({ settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  const a = (b?.settings.approvals ?? {}) as Partial<ApprovalSettings>;
  return { reminderMinutes: a.reminderMinutes ?? DEFAULT_REMINDER_MINUTES };
}

export async function getApprovalSettings(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'orders.approve');
  return approvalSettingsOf(ctx.db, scope.actor.businessId);
}

export async function putApprovalSettings(ctx: Ctx, input: ApprovalSettings) {
  const scope = requirePermission(ctx.actor, 'workflows.manage');
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  const before = await approvalSettingsOf(ctx.db, scope.actor.businessId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(businesses)
      .set({ settings: sql`${businesses.settings} || ${JSON.stringify({ approvals: input })}::jsonb` })
      .where(eq(businesses.id, scope.actor.businessId));
    await recordAudit(tx, ctx, {
      action: 'approval_settings.updated',
      entityType: 'business',
      entityId: scope.actor.businessId,
      before: { ...before },
      after: { ...input },
    });
  });
  return input;
}

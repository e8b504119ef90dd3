import type { Locale, publishWorkflowSchema, Workflow, WorkflowDefinition } from '@orderloop/contract';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { businesses } from '../db/schema.ts';
import { workflows } from '../db/workflow-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError, WorkflowError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { currentWorkflow, workflowById, workflowKeyOf } from './definitions.ts';
import { validateDefinition } from './validate.ts';

type Row = typeof workflows.$inferSelect;

const toWorkflow = (r: Row, currentId: string | null): Workflow => ({
  id: r.id,
  key: r.key,
  version: r.version,
  definition: r.definition,
  publishedAt: r.publishedAt.toISOString(),
  publishedBy: r.publishedBy,
  current: r.id === currentId,
});

async function currentIds(ctx: Ctx, businessId: string) {
  const latest = await ctx.db
    .selectDistinctOn([workflows.key], { id: workflows.id })
    .from(workflows)
    .where(eq(workflows.businessId, businessId))
    .orderBy(asc(workflows.key), desc(workflows.version));
  return new Set(latest.map((r) => r.id));
}

/** Every published version of the business's definitions; the newest of each key is current. */
export async function listWorkflows(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const businessId = scope.actor.businessId;
  await currentWorkflow(ctx.db, businessId);
  const rows = await ctx.db
    .select()
    .from(workflows)
    .where(eq(workflows.businessId, businessId))
    .orderBy(asc(workflows.key), desc(workflows.version));
  const current = await currentIds(ctx, businessId);
  return { items: rows.map((r) => toWorkflow(r, current.has(r.id) ? r.id : null)), nextCursor: null };
}

export async function getWorkflow(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'orders.read');
  const wf = await workflowById(ctx.db, id).catch(() => null);
  if (!wf || wf.businessId !== scope.actor.businessId) throw new NotFoundError('workflow');
  const [row] = await ctx.db.select().from(workflows).where(eq(workflows.id, id));
  const current = await currentIds(ctx, wf.businessId);
  return toWorkflow(row!, current.has(id) ? id : null);
}

function assertValid(definition: WorkflowDefinition, locale: Locale) {
  const problems = validateDefinition(definition, locale);
  if (!problems.length) return;
  const err = new WorkflowError('WORKFLOW_INVALID', {
    key: 'workflow.invalid',
    vars: { count: problems.length },
  });
  err.fields = problems;
  throw err;
}

/** The publish checks without publishing, so an editor can show problems before anything is saved. */
export async function validateWorkflow(ctx: Ctx, definition: WorkflowDefinition) {
  const scope = requirePermission(ctx.actor, 'workflows.manage');
  assertValid(definition, ctx.locale);
  const [last] = await ctx.db
    .select({ version: workflows.version })
    .from(workflows)
    .where(and(eq(workflows.businessId, scope.actor.businessId), eq(workflows.key, definition.key)))
    .orderBy(desc(workflows.version))
    .limit(1);
  return {
    valid: true as const,
    states: definition.states.length,
    transitions: definition.transitions.length,
    nextVersion: (last?.version ?? 0) + 1,
  };
}

/**
 * Publishes a definition as the next version of its key, after the graph checks; orders already
 * running keep their version. `makeDefault` switches the business's new orders to this key.
 */
export async function publishWorkflow(ctx: Ctx, body: z.output<typeof publishWorkflowSchema>) {
  const scope = requirePermission(ctx.actor, 'workflows.manage');
  const businessId = scope.actor.businessId;
  assertValid(body.definition, ctx.locale);
  const key = body.definition.key;
  return ctx.db.transaction(async (tx) => {
    // one publisher at a time per business and key, so versions never collide
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${businessId}:workflow:${key}`}))`);
    const [last] = await tx
      .select({ version: workflows.version })
      .from(workflows)
      .where(and(eq(workflows.businessId, businessId), eq(workflows.key, key)))
      .orderBy(desc(workflows.version))
      .limit(1);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(workflows)
      .values({
        id: newId(now.getTime()),
        businessId,
        key,
        version: (last?.version ?? 0) + 1,
        definition: body.definition,
        publishedAt: now,
        publishedBy: scope.actor.userId,
      })
      .returning();
    const before = await workflowKeyOf(tx, businessId);
    if (body.makeDefault && before !== key)
      await tx
        .update(businesses)
        .set({ settings: sql`${businesses.settings} || ${JSON.stringify({ workflowKey: key })}::jsonb` })
        .where(eq(businesses.id, businessId));
    await recordAudit(tx, ctx, {
      action: 'workflow.published',
      entityType: 'workflow',
      entityId: row!.id,
      before: { key, version: last?.version ?? null, default: before },
      after: { key, version: row!.version, default: body.makeDefault ? key : before },
    });
    return toWorkflow(row!, row!.id);
  });
}

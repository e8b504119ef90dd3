import { type WorkflowDefinition, workflowDefinitionSchema } from '@orderloop/contract';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { businesses } from '../db/schema.ts';
import { workflows } from '../db/workflow-schema.ts';
import { NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { builtInWorkflows } from './built-in.ts';

export type LoadedWorkflow = {
  id: string;
  businessId: string;
  key: string;
  version: number;
  definition: WorkflowDefinition;
};

// published versions never change, so a process may keep them for good
const byId = new Map<string, LoadedWorkflow>();

export async function workflowById(db: DbOrTx, id: string): Promise<LoadedWorkflow> {
  const hit = byId.get(id);
  if (hit) return hit;
  const [row] = await db.select().from(workflows).where(eq(workflows.id, id));
  if (!row) throw new NotFoundError('workflow');
  const wf = { ...row, definition: workflowDefinitionSchema.parse(row.definition) };
  byId.set(id, wf);
  return wf;
}

/** Which definition a business's new orders follow: its setting, else the built-in for its kind. */
export async function workflowKeyOf(db: DbOrTx, businessId: string): Promise<string> {
  const [b] = await db
    .select({ kind: businesses.kind, settings: businesses.settings })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  if (!b) throw new NotFoundError('business');
  const chosen = (b.settings as { workflowKey?: unknown }).workflowKey;
  return typeof chosen === 'string' ? chosen : b.kind;
}

/** The newest published version of a definition; a built-in one is published on first use. */
export async function currentWorkflow(db: DbOrTx, businessId: string, key?: string): Promise<LoadedWorkflow> {
  const k = key ?? (await workflowKeyOf(db, businessId));
  const latest = async () => {
    const [row] = await db
      .select({ id: workflows.id })
      .from(workflows)
      .where(and(eq(workflows.businessId, businessId), eq(workflows.key, k)))
      .orderBy(desc(workflows.version))
      .limit(1);
    return row;
  };
  let row = await latest();
  if (!row) {
    const builtIn = builtInWorkflows[k as keyof typeof builtInWorkflows];
    if (!builtIn) throw new NotFoundError('workflow');
    await db
      .insert(workflows)
      .values({
        id: newId(),
        businessId,
        key: k,
        version: 1,
        definition: workflowDefinitionSchema.parse(builtIn),
        publishedAt: new Date(),
        publishedBy: null,
      })
      .onConflictDoNothing();
    row = await latest();
  }
  return workflowById(db, row!.id);
}

export const stateOf = (d: WorkflowDefinition, key: string) => d.states.find((s) => s.key === key);
export const transitionOf = (d: WorkflowDefinition, action: string) =>
  d.transitions.find((t) => t.action === action);

/** Edits (lines, prices, fields) are allowed where the definition says, by default before work starts. */
export const isEditable = (d: WorkflowDefinition, stateKey: string) => {
  const s = stateOf(d, stateKey);
  return !!s && (s.editable ?? (s.category === 'draft' || s.category === 'open'));
};

/** Fields other than lines and prices (notes, tags, shipping details…) may change until the order is finished. */
export const isOpen = (d: WorkflowDefinition, stateKey: string) => {
  const s = stateOf(d, stateKey);
  return !!s && s.category !== 'done' && s.category !== 'cancelled';
};

import type { AttachmentParentType } from '@orderloop/contract';
import { and, eq } from 'drizzle-orm';
import { assertInScope, requireCustomer, requirePermission, requireStaff } from '../access/access.ts';
import type { CustomerActor, StaffActor } from '../access/actor.ts';
import { attachments } from '../db/attachment-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import { type ParentRecord, resolverFor } from './parents.ts';

export type ParentRef = { parentType: AttachmentParentType; parentId: string };
export type AttachmentRow = typeof attachments.$inferSelect;
export type StaffParent = ParentRecord & { actor: StaffActor; canWrite: boolean };

/**
 * Staff access to a parent's attachments: its read permission in scope — the same checks as
 * reading the record itself (an order of another store is a 403, of another business a 404) —
 * and for `write` also its write permission in scope. The write permission is checked first, so
 * a caller without it learns nothing; the record is then looked up before its read permission, so
 * an id that does not exist is a 404 for anyone allowed to attach at all.
 */
export async function staffParent(ctx: Ctx, ref: ParentRef, mode: 'read' | 'write'): Promise<StaffParent> {
  const r = resolverFor(ref.parentType);
  const writeScope = mode === 'write' ? requirePermission(ctx.actor, r.write) : null;
  const readScope = writeScope ? null : requirePermission(ctx.actor, r.read);
  const actor = (writeScope ?? readScope)!.actor;
  const parent = await r.load(ctx.db, actor.businessId, ref.parentId);
  if (!parent) throw new NotFoundError(r.entity);
  const read = readScope ?? requirePermission(actor, r.read);
  if (parent.ownership) {
    assertInScope(read, parent.ownership);
    if (writeScope) assertInScope(writeScope, parent.ownership);
  }
  return { ...parent, actor, canWrite: !!writeScope };
}

/** A customer reaches only the attachments of their own records; anything else is a 404. */
export async function customerParent(
  ctx: Ctx,
  ref: ParentRef,
): Promise<ParentRecord & { actor: CustomerActor }> {
  const actor = requireCustomer(ctx.actor);
  const r = resolverFor(ref.parentType);
  const parent = await r.load(ctx.db, actor.businessId, ref.parentId);
  if (!parent || parent.customerId !== actor.customerId) throw new NotFoundError(r.entity);
  return { ...parent, actor };
}

export async function loadAttachment(ctx: Ctx, businessId: string, id: string): Promise<AttachmentRow> {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.businessId, businessId)));
  if (!row) throw new NotFoundError('attachment');
  return row;
}

/** An attachment staff may read: it exists in their business and they may read its parent. */
export async function staffAttachment(ctx: Ctx, id: string) {
  const actor = requireStaff(ctx.actor);
  const row = await loadAttachment(ctx, actor.businessId, id);
  const parent = await staffParent(ctx, row, 'read');
  return { row, parent };
}

/** An attachment a customer may read: one on a record of theirs; any other id is a 404. */
export async function customerAttachment(ctx: Ctx, id: string) {
  const actor = requireCustomer(ctx.actor);
  const row = await loadAttachment(ctx, actor.businessId, id);
  const parent = await customerParent(ctx, row).catch((err: unknown) => {
    throw err instanceof NotFoundError ? new NotFoundError('attachment') : err;
  });
  return { row, parent };
}

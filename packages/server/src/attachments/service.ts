import { createHash } from 'node:crypto';
import { type Attachment, attachmentLimits } from '@orderloop/contract';
import { and, asc, count, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { attachments } from '../db/attachment-schema.ts';
import { customers, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ConflictError, ForbiddenError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { inspectFile } from './inspect.ts';
import { displayName } from './names.ts';
import {
  type AttachmentRow,
  customerAttachment,
  customerParent,
  type ParentRef,
  staffAttachment,
  staffParent,
} from './parent-access.ts';
import { type FileStorage, newStorageKey } from './storage.ts';

export type IncomingFile = { data: Buffer; filename: string | null };
type Uploader = { type: 'user' | 'customer'; id: string; businessId: string };

/** Attachments of a parent, oldest first, with who uploaded each. */
async function listOf(ctx: Ctx, businessId: string, ref: ParentRef): Promise<{ items: Attachment[] }> {
  const rows = await ctx.db
    .select({ a: attachments, userName: users.displayName, customerName: customers.name })
    .from(attachments)
    .leftJoin(users, and(eq(attachments.uploadedByType, 'user'), eq(users.id, attachments.uploadedById)))
    .leftJoin(
      customers,
      and(eq(attachments.uploadedByType, 'customer'), eq(customers.id, attachments.uploadedById)),
    )
    .where(
      and(
        eq(attachments.businessId, businessId),
        eq(attachments.parentType, ref.parentType),
        eq(attachments.parentId, ref.parentId),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return { items: rows.map((r) => toAttachment(r.a, r.userName ?? r.customerName ?? null)) };
}

export const toAttachment = (a: AttachmentRow, uploaderName: string | null): Attachment => ({
  id: a.id,
  parentType: a.parentType,
  parentId: a.parentId,
  kind: a.kind,
  contentType: a.contentType,
  byteSize: a.byteSize,
  sha256: a.sha256,
  name: a.originalName,
  width: a.width,
  height: a.height,
  hasThumbnail: a.thumbnailKey !== null,
  uploadedBy: { type: a.uploadedByType, id: a.uploadedById, name: uploaderName },
  createdAt: a.createdAt.toISOString(),
});

export async function listAttachments(ctx: Ctx, ref: ParentRef) {
  const { actor } = await staffParent(ctx, ref, 'read');
  return listOf(ctx, actor.businessId, ref);
}

export async function customerListAttachments(ctx: Ctx, ref: ParentRef) {
  const { actor } = await customerParent(ctx, ref);
  return listOf(ctx, actor.businessId, ref);
}

/** Staff upload: the parent's write permission and its read permission, both in scope. */
export async function uploadAttachment(ctx: Ctx, storage: FileStorage, ref: ParentRef, file: IncomingFile) {
  const { actor, storeId } = await staffParent(ctx, ref, 'write');
  const uploader = { type: 'user' as const, id: actor.userId, businessId: actor.businessId };
  return store(ctx, storage, ref, file, uploader, storeId, actor.displayName);
}

/** Customer upload: to a record of their own (a photo of what arrived, for a complaint). */
export async function customerUploadAttachment(
  ctx: Ctx,
  storage: FileStorage,
  ref: ParentRef,
  file: IncomingFile,
) {
  const { actor, storeId } = await customerParent(ctx, ref);
  const uploader = { type: 'customer' as const, id: actor.customerId, businessId: actor.businessId };
  const [me] = await ctx.db
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, actor.customerId));
  return store(ctx, storage, ref, file, uploader, storeId, me?.name ?? null);
}

/**
 * Checks the bytes, writes the file (and a picture's thumbnail) to storage, then records the row
 * and its audit entry in one transaction. Files are written first so a row never points at
 * nothing; if the transaction fails they are removed again.
 */
async function store(
  ctx: Ctx,
  storage: FileStorage,
  ref: ParentRef,
  file: IncomingFile,
  uploader: Uploader,
  storeId: string | null,
  uploaderName: string | null,
): Promise<Attachment> {
  const [existing] = await ctx.db
    .select({ n: count() })
    .from(attachments)
    .where(and(eq(attachments.parentType, ref.parentType), eq(attachments.parentId, ref.parentId)));
  if ((existing?.n ?? 0) >= attachmentLimits.perParent)
    throw new ConflictError('CONFLICT', {
      key: 'attachment.tooMany',
      vars: { limit: attachmentLimits.perParent },
    });
  const seen = await inspectFile(file.data);
  const key = newStorageKey(uploader.businessId);
  const thumbnailKey = seen.thumbnail ? `${key}.webp` : null;
  const row: AttachmentRow = {
    id: newId(),
    businessId: uploader.businessId,
    parentType: ref.parentType,
    parentId: ref.parentId,
    kind: seen.kind,
    contentType: seen.contentType,
    byteSize: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    originalName: displayName(file.filename, seen.ext),
    storageKey: key,
    thumbnailKey,
    width: seen.width,
    height: seen.height,
    uploadedByType: uploader.type,
    uploadedById: uploader.id,
    createdAt: ctx.clock.now(),
  };
  try {
    await storage.put(key, file.data);
    if (thumbnailKey && seen.thumbnail) await storage.put(thumbnailKey, seen.thumbnail);
    await ctx.db.transaction(async (tx) => {
      await tx.insert(attachments).values(row);
      await recordAudit(tx, ctx, {
        action: 'attachment.added',
        entityType: ref.parentType,
        entityId: ref.parentId,
        storeId,
        after: auditFields(row),
      });
    });
  } catch (err) {
    await removeFiles(ctx, storage, row);
    throw err;
  }
  return toAttachment(row, uploaderName);
}

const auditFields = (a: AttachmentRow) => ({
  attachmentId: a.id,
  name: a.originalName,
  contentType: a.contentType,
  byteSize: a.byteSize,
  sha256: a.sha256,
});

/**
 * Staff removal: the uploader, while they can still read the parent, or anyone holding the
 * parent's write permission in scope.
 */
export async function deleteAttachment(ctx: Ctx, storage: FileStorage, id: string): Promise<undefined> {
  const { row, parent } = await staffAttachment(ctx, id);
  const mine = row.uploadedByType === 'user' && row.uploadedById === parent.actor.userId;
  if (!mine) await staffParent(ctx, row, 'write');
  return remove(ctx, storage, row, parent.storeId);
}

/** A customer removes only what they uploaded themselves. */
export async function customerDeleteAttachment(
  ctx: Ctx,
  storage: FileStorage,
  id: string,
): Promise<undefined> {
  const { row, parent } = await customerAttachment(ctx, id);
  if (row.uploadedByType !== 'customer' || row.uploadedById !== parent.actor.customerId)
    throw new ForbiddenError({ key: 'attachment.notYours' });
  return remove(ctx, storage, row, parent.storeId);
}

async function remove(
  ctx: Ctx,
  storage: FileStorage,
  row: AttachmentRow,
  storeId: string | null,
): Promise<undefined> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(attachments).where(eq(attachments.id, row.id));
    await recordAudit(tx, ctx, {
      action: 'attachment.removed',
      entityType: row.parentType,
      entityId: row.parentId,
      storeId,
      before: auditFields(row),
    });
  });
  // after the commit: a file left behind by a failure here is garbage, never a dangling row
  await removeFiles(ctx, storage, row);
  return undefined;
}

async function removeFiles(ctx: Ctx, storage: FileStorage, row: AttachmentRow) {
  for (const key of [row.storageKey, row.thumbnailKey]) {
    if (!key) continue;
    await storage.delete(key).catch((err: unknown) => {
      ctx.log.error({ err, key }, 'could not remove a stored attachment file');
    });
  }
}

import type { DbOrTx } from '../db/connect.ts';
import { auditLog } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';

type Snapshot = Record<string, unknown> | null | undefined;

// Never copied into the log, whatever a caller passes.
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'csrfToken', 'token', 'codeHash']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-by-field difference of two snapshots; secrets are reported as changed, never shown. */
export function diff(before: Snapshot, after: Snapshot): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    // absent and empty are the same nothing: a new record's unset fields are not changes
    if (same(b ?? null, a ?? null)) continue;
    out[k] = SECRET_FIELDS.has(k) ? { before: '***', after: '***' } : { before: b ?? null, after: a ?? null };
  }
  return out;
}

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  storeId?: string | null;
  businessId?: string | null;
  before?: Snapshot;
  after?: Snapshot;
  /** For events with no actor on the context yet (sign-in). */
  actor?: { type: 'user' | 'customer' | 'system'; id: string | null; name: string | null };
};

/** Writes one audit entry in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(db: DbOrTx, ctx: Ctx, e: AuditInput): Promise<void> {
  const a = ctx.actor;
  const actor =
    e.actor ??
    (a?.kind === 'staff'
      ? { type: 'user' as const, id: a.userId, name: a.displayName }
      : a?.kind === 'customer'
        ? { type: 'customer' as const, id: a.customerId, name: null }
        : { type: 'system' as const, id: null, name: null });
  await db.insert(auditLog).values({
    businessId: e.businessId ?? a?.businessId ?? null,
    at: ctx.clock.now(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    storeId: e.storeId ?? null,
    changes: diff(e.before, e.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
  ctx.audited = true;
}

/** The record's current values of exactly the fields an edit touches: the "before" of its audit entry. */
export const fieldsOf = (record: object, edit: object): Record<string, unknown> =>
  Object.fromEntries(Object.keys(edit).map((k) => [k, (record as Record<string, unknown>)[k]]));

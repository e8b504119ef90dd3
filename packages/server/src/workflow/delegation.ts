import { type Delegation, type putDelegationSchema, translate } from '@orderloop/contract';
import { and, asc, eq, gt, lte, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveScope, requirePermission } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { approvalDelegations } from '../db/exceptions-schema.ts';
import { roleGrants, roles, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { staffActor } from '../identity/sessions.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type Row = typeof approvalDelegations.$inferSelect;

async function view(db: DbOrTx, r: Row, now: Date): Promise<Delegation> {
  const people = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(or(eq(users.id, r.delegatorId), eq(users.id, r.delegateId)));
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? '?';
  return {
    id: r.id,
    delegatorId: r.delegatorId,
    delegatorName: name(r.delegatorId),
    delegateId: r.delegateId,
    delegateName: name(r.delegateId),
    from: r.startsAt.toISOString(),
    until: r.endsAt.toISOString(),
    reason: r.reason,
    active: r.startsAt <= now && now < r.endsAt,
  };
}

/**
 * The approvers whose approvals this user decides right now as their delegate: direct delegations
 * whose window includes now, from active colleagues, with their grants as they are now. Never
 * followed further (a delegate's own delegator's delegators do not count).
 */
export async function activeDelegators(db: DbOrTx, delegate: StaffActor, now: Date): Promise<StaffActor[]> {
  const rows = await db
    .select({ user: users })
    .from(approvalDelegations)
    .innerJoin(users, eq(users.id, approvalDelegations.delegatorId))
    .where(
      and(
        eq(approvalDelegations.delegateId, delegate.userId),
        eq(approvalDelegations.businessId, delegate.businessId),
        lte(approvalDelegations.startsAt, now),
        gt(approvalDelegations.endsAt, now),
        eq(users.status, 'active'),
      ),
    );
  return Promise.all(rows.map((r) => staffActor(db, r.user, { id: '', mode: 'token' })));
}

export async function getDelegations(ctx: Ctx) {
  const me = requirePermission(ctx.actor, 'orders.approve').actor;
  const now = ctx.clock.now();
  const [mine] = await ctx.db
    .select()
    .from(approvalDelegations)
    .where(eq(approvalDelegations.delegatorId, me.userId));
  const toMe = await ctx.db
    .select()
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.delegateId, me.userId), gt(approvalDelegations.endsAt, now)));
  return {
    mine: mine ? await view(ctx.db, mine, now) : null,
    toMe: await Promise.all(toMe.map((r) => view(ctx.db, r, now))),
  };
}

const refuse = (ctx: Ctx, field: string, code: string, key: Parameters<typeof translate>[1]) =>
  new ValidationError([{ field, code, message: translate(ctx.locale, key) }]);

/** Sets (or replaces) my delegation: a colleague who may approve, for a window ending in the future. */
export async function putDelegation(ctx: Ctx, body: z.output<typeof putDelegationSchema>) {
  const me = requirePermission(ctx.actor, 'orders.approve').actor;
  const now = ctx.clock.now();
  const from = body.from ? new Date(body.from) : now;
  const until = new Date(body.until);
  if (until <= now) throw refuse(ctx, 'body.until', 'past', 'delegation.pastEnd');
  if (body.delegateId === me.userId) throw refuse(ctx, 'body.delegateId', 'self', 'delegation.self');
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, body.delegateId), eq(users.businessId, me.businessId)));
  const delegate = u?.status === 'active' ? await staffActor(ctx.db, u, { id: '', mode: 'token' }) : null;
  if (!delegate || !effectiveScope(delegate, 'orders.approve'))
    throw refuse(ctx, 'body.delegateId', 'not_approver', 'delegation.delegateNotApprover');
  // no chains: whoever is away themselves cannot stand in for someone else
  const [theirs] = await ctx.db
    .select()
    .from(approvalDelegations)
    .where(
      and(
        eq(approvalDelegations.delegatorId, delegate.userId),
        gt(approvalDelegations.endsAt, from),
        lte(approvalDelegations.startsAt, until),
      ),
    );
  if (theirs) throw refuse(ctx, 'body.delegateId', 'chain', 'delegation.chain');

  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(approvalDelegations)
      .where(eq(approvalDelegations.delegatorId, me.userId));
    const values = {
      delegateId: delegate.userId,
      startsAt: from,
      endsAt: until,
      reason: body.reason ?? null,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(approvalDelegations)
      .values({
        id: newId(now.getTime()),
        businessId: me.businessId,
        delegatorId: me.userId,
        createdAt: now,
        ...values,
      })
      .onConflictDoUpdate({ target: approvalDelegations.delegatorId, set: values })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'approval_delegation.set',
      entityType: 'user',
      entityId: me.userId,
      before: before
        ? {
            delegate: before.delegateId,
            from: before.startsAt.toISOString(),
            until: before.endsAt.toISOString(),
          }
        : null,
      after: {
        delegate: delegate.userId,
        from: from.toISOString(),
        until: until.toISOString(),
        reason: body.reason,
      },
    });
    return view(tx, row!, now);
  });
}

export async function deleteDelegation(ctx: Ctx) {
  const me = requirePermission(ctx.actor, 'orders.approve').actor;
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(approvalDelegations)
      .where(eq(approvalDelegations.delegatorId, me.userId))
      .returning();
    if (!gone) throw new NotFoundError('delegation');
    await recordAudit(tx, ctx, {
      action: 'approval_delegation.ended',
      entityType: 'user',
      entityId: me.userId,
      before: { delegate: gone.delegateId, until: gone.endsAt.toISOString() },
      after: { delegate: null },
    });
  });
}

/** Colleagues who may approve (any scope), for the delegate picker; not me. */
export async function listDelegateCandidates(ctx: Ctx) {
  const me = requirePermission(ctx.actor, 'orders.approve').actor;
  return ctx.db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(roles, eq(roles.id, roleGrants.roleId))
    .where(
      and(
        eq(users.businessId, me.businessId),
        eq(users.status, 'active'),
        ne(users.id, me.userId),
        sql`'orders.approve' = ANY(${roles.permissions})`,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500);
}

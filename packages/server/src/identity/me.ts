import { type Me, type Permission, permissions, roleLabel } from '@orderloop/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { effectiveScope } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import type { DbOrTx } from '../db/connect.ts';
import { businesses, stores, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';

/** The stores a staff member works in: all of the business for an `all` grant, else their grants' stores. */
export async function actorStores(db: DbOrTx, actor: StaffActor) {
  const all = actor.grants.some((g) => g.scope === 'all');
  const ids = [...new Set(actor.grants.map((g) => g.storeId).filter((s): s is string => !!s))];
  if (!all && !ids.length) return [];
  return db
    .select({
      id: stores.id,
      code: stores.code,
      name: stores.name,
      timezone: stores.timezone,
      currency: stores.currency,
    })
    .from(stores)
    .where(
      and(
        eq(stores.businessId, actor.businessId),
        eq(stores.active, true),
        all ? undefined : inArray(stores.id, ids),
      ),
    )
    .orderBy(asc(stores.code));
}

export async function buildMe(ctx: Ctx, actor: StaffActor): Promise<Me> {
  const [business] = await ctx.db.select().from(businesses).where(eq(businesses.id, actor.businessId));
  const [user] = await ctx.db.select({ phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  const held = permissions.filter((p) => actor.grants.some((g) => g.permissions.includes(p)));
  const roles = new Map(actor.grants.map((g) => [g.roleKey, roleLabel(g.roleKey, ctx.locale, g.roleName)]));
  return {
    kind: 'staff',
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      phone: user?.phone ?? null,
      locale: actor.locale,
    },
    business: { id: business!.id, name: business!.name, kind: business!.kind },
    stores: await actorStores(ctx.db, actor),
    roles: [...roles].map(([key, name]) => ({ key, name })),
    permissions: held.map((p: Permission) => {
      const s = effectiveScope(actor, p)!;
      return {
        permission: p,
        scope: s.all ? 'all' : s.storeIds.length ? 'store' : 'own',
        storeIds: s.storeIds,
      };
    }),
  };
}

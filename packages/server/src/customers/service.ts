import type { createCustomerSchema, customerListQuery, updateCustomerSchema } from '@orderloop/contract';
import { and, desc, eq, ilike, inArray, lt, or } from 'drizzle-orm';
import type { z } from 'zod';
import { assertInScope, requirePermission, type Scope, scopeFilter } from '../access/access.ts';
import { fieldsOf, recordAudit } from '../audit/record.ts';
import { priceLists } from '../db/catalog-schema.ts';
import type { DbOrTx } from '../db/connect.ts';
import { customerIdentities, customers, stores, users } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

type Row = typeof customers.$inferSelect;
type Input = z.output<typeof updateCustomerSchema>;

const ownership = (c: Pick<Row, 'storeId' | 'salesRepId'>) => ({
  storeId: c.storeId,
  ownerIds: [c.salesRepId],
});

async function withIdentities(db: DbOrTx, rows: Row[]) {
  const ids = rows.map((r) => r.id);
  const idents = ids.length
    ? await db.select().from(customerIdentities).where(inArray(customerIdentities.customerId, ids))
    : [];
  const repIds = [...new Set(rows.map((r) => r.salesRepId).filter((x): x is string => !!x))];
  // a rep's name is shown to whoever may see the account, even without users.read
  const reps = repIds.length
    ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, repIds))
    : [];
  return rows.map(({ businessId: _, locale: __, createdAt, ...c }) => ({
    ...c,
    salesRepName: reps.find((r) => r.id === c.salesRepId)?.name ?? null,
    createdAt: createdAt.toISOString(),
    identities: idents
      .filter((i) => i.customerId === c.id)
      .map((i) => ({ channel: i.channel, subject: i.subject })),
  }));
}

async function findCustomer(ctx: Ctx, scope: Scope, id: string) {
  const [c] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), eq(customers.businessId, scope.actor.businessId)));
  if (!c) throw new NotFoundError('customer');
  assertInScope(scope, ownership(c));
  return c;
}

/** References must point into the same business; a sales rep's accounts default to themselves. */
async function checkRefs(ctx: Ctx, scope: Scope, input: Input) {
  const businessId = scope.actor.businessId;
  const exists = async (
    table: typeof stores | typeof users | typeof priceLists,
    id: string,
    entity: string,
  ) => {
    const [r] = await ctx.db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.businessId, businessId)));
    if (!r) throw new NotFoundError(entity);
  };
  if (input.storeId) await exists(stores, input.storeId, 'store');
  if (input.salesRepId) await exists(users, input.salesRepId, 'user');
  if (input.priceListId) await exists(priceLists, input.priceListId, 'price list');
}

export async function listCustomers(
  ctx: Ctx,
  q: z.output<typeof customerListQuery> & { cursor?: string; limit: number },
) {
  const scope = requirePermission(ctx.actor, 'customers.read');
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.businessId, scope.actor.businessId),
        scopeFilter(scope, { store: customers.storeId, owners: [customers.salesRepId] }),
        q.kind ? eq(customers.kind, q.kind) : undefined,
        q.storeId ? eq(customers.storeId, q.storeId) : undefined,
        like
          ? or(ilike(customers.name, like), ilike(customers.phone, like), ilike(customers.contactName, like))
          : undefined,
        after
          ? or(
              lt(customers.createdAt, new Date(after[0] as string)),
              and(eq(customers.createdAt, new Date(after[0] as string)), lt(customers.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (c) => [c.createdAt.toISOString(), c.id]);
  return { items: await withIdentities(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function getCustomer(ctx: Ctx, id: string) {
  const scope = requirePermission(ctx.actor, 'customers.read');
  const [c] = await withIdentities(ctx.db, [await findCustomer(ctx, scope, id)]);
  return c!;
}

export async function createCustomer(ctx: Ctx, input: z.output<typeof createCustomerSchema>) {
  const scope = requirePermission(ctx.actor, 'customers.write');
  const values = {
    ...input,
    salesRepId: input.salesRepId ?? (scope.own && !scope.all ? scope.actor.userId : null),
  };
  assertInScope(scope, ownership({ storeId: values.storeId ?? null, salesRepId: values.salesRepId }));
  await checkRefs(ctx, scope, values);
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(customers)
      .values({ id, businessId: scope.actor.businessId, ...values, createdAt: ctx.clock.now() });
    await recordAudit(tx, ctx, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: id,
      storeId: values.storeId ?? null,
      after: values,
    });
  });
  return getCustomer(ctx, id);
}

export async function updateCustomer(ctx: Ctx, id: string, input: Input) {
  const scope = requirePermission(ctx.actor, 'customers.write');
  const before = await findCustomer(ctx, scope, id);
  // the record must stay within reach after the edit too: no handing accounts to another store
  assertInScope(
    scope,
    ownership({
      storeId: input.storeId !== undefined ? input.storeId : before.storeId,
      salesRepId: input.salesRepId !== undefined ? input.salesRepId : before.salesRepId,
    }),
  );
  await checkRefs(ctx, scope, input);
  await ctx.db.transaction(async (tx) => {
    await tx.update(customers).set(input).where(eq(customers.id, id));
    await recordAudit(tx, ctx, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      storeId: before.storeId,
      before: fieldsOf(before, input),
      after: input,
    });
  });
  return getCustomer(ctx, id);
}

import type { Storefront, storefrontSettingsInputSchema } from '@orderloop/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { inWindows, localTime } from '../catalog/availability.ts';
import type { DbOrTx } from '../db/connect.ts';
import { businesses, stores } from '../db/schema.ts';
import { storefronts } from '../db/storefront-schema.ts';
import type { Ctx } from '../http/context.ts';
import { NotFoundError } from '../lib/errors.ts';
import { findStore } from '../stores/service.ts';

type StoreRow = typeof stores.$inferSelect;
type BusinessRow = typeof businesses.$inferSelect;
type SettingsRow = typeof storefronts.$inferSelect;
type Fulfilment = Storefront['fulfilments'][number];

/** Ordering modes when staff have not chosen: what each kind of business usually offers. */
export const defaultFulfilments = (kind: BusinessRow['kind']): Fulfilment[] =>
  kind === 'b2b' ? ['shipment'] : ['dine_in', 'pickup'];

/** Opening hours as availability windows, so "open now" follows the same rule as product windows. */
export function isOpen(store: Pick<StoreRow, 'openingHours' | 'timezone'>, at: Date): boolean {
  if (!store.openingHours.length) return true;
  const windows = store.openingHours.map((h) => ({ days: [h.day], from: h.open, to: h.close }));
  return inWindows(windows, localTime(at, store.timezone));
}

function toStorefront(s: StoreRow, b: BusinessRow, settings: SettingsRow | undefined, at: Date): Storefront {
  const today = localTime(at, s.timezone).day;
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    address: s.address,
    phone: s.phone,
    timezone: s.timezone,
    currency: s.currency,
    openingHours: s.openingHours,
    todayHours: s.openingHours
      .filter((h) => h.day === today)
      .map(({ open, close }) => ({ open, close }))
      .sort((x, y) => x.open.localeCompare(y.open)),
    openNow: isOpen(s, at),
    fulfilments: settings?.fulfilments ?? defaultFulfilments(b.kind),
    announcement: settings?.announcement ?? null,
    business: { slug: b.slug, name: b.name, kind: b.kind },
  };
}

async function settingsOf(db: DbOrTx, storeIds: string[]) {
  return storeIds.length
    ? db.select().from(storefronts).where(inArray(storefronts.storeId, storeIds))
    : Promise.resolve([]);
}

/** An active store and its business, by id alone: the id in a table's QR code is the address. */
export async function openStore(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ s: stores, b: businesses })
    .from(stores)
    .innerJoin(businesses, eq(businesses.id, stores.businessId))
    .where(and(eq(stores.id, id), eq(stores.active, true)));
  if (!row) throw new NotFoundError('store');
  return row;
}

export async function getStorefront(ctx: Ctx, id: string): Promise<Storefront> {
  // public: a store page is what its customers see before signing in
  const { s, b } = await openStore(ctx.db, id);
  const [settings] = await settingsOf(ctx.db, [s.id]);
  return toStorefront(s, b, settings, ctx.clock.now());
}

export async function listStorefronts(ctx: Ctx, businessSlug: string): Promise<Storefront[]> {
  // public: the active stores of one business, for an app opened without a store in its link
  const [b] = await ctx.db.select().from(businesses).where(eq(businesses.slug, businessSlug));
  if (!b) throw new NotFoundError('business');
  const rows = await ctx.db
    .select()
    .from(stores)
    .where(and(eq(stores.businessId, b.id), eq(stores.active, true)))
    .orderBy(asc(stores.code));
  const settings = await settingsOf(
    ctx.db,
    rows.map((s) => s.id),
  );
  const now = ctx.clock.now();
  return rows.map((s) =>
    toStorefront(
      s,
      b,
      settings.find((x) => x.storeId === s.id),
      now,
    ),
  );
}

export async function updateStorefront(
  ctx: Ctx,
  storeId: string,
  input: z.output<typeof storefrontSettingsInputSchema>,
) {
  const scope = requirePermission(ctx.actor, 'stores.manage');
  const store = await findStore(ctx, scope, storeId);
  return ctx.db.transaction(async (tx) => {
    const [before] = await settingsOf(tx, [store.id]);
    const next = {
      announcement: input.announcement !== undefined ? input.announcement : (before?.announcement ?? null),
      fulfilments: input.fulfilments !== undefined ? input.fulfilments : (before?.fulfilments ?? null),
      tables: input.tables !== undefined ? input.tables : (before?.tables ?? null),
    };
    const values = { ...next, updatedAt: ctx.clock.now() };
    await tx
      .insert(storefronts)
      .values({ storeId: store.id, businessId: store.businessId, ...values })
      .onConflictDoUpdate({ target: storefronts.storeId, set: values });
    await recordAudit(tx, ctx, {
      action: 'storefront.updated',
      entityType: 'store',
      entityId: store.id,
      storeId: store.id,
      before: {
        announcement: before?.announcement ?? null,
        fulfilments: before?.fulfilments ?? null,
        tables: before?.tables ?? null,
      },
      after: next,
    });
    return next;
  });
}

import { builtInRoleDefinitions } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import { provisionBusiness } from '../businesses/provision.ts';
import {
  categories,
  priceListItems,
  priceLists,
  products,
  skus,
  stockLevels,
  stockMovements,
} from '../db/catalog-schema.ts';
import type { Db, Tx } from '../db/connect.ts';
import { businesses, customerIdentities, customers, roleGrants, stores, users } from '../db/schema.ts';
import { hashPassword } from '../identity/passwords.ts';
import { newId } from '../lib/ids.ts';
import { seedStorefronts } from '../storefront/demo.ts';
import { DEMO_PASSWORD, type DemoBusiness, type DemoProduct, demoBusinesses } from './demo-data.ts';

const weekdays = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' }));

/** Every combination of the product's variant groups, e.g. size × colour. */
function variants(p: DemoProduct): { options: Record<string, string>; delta: number; code: string }[] {
  let out = [{ options: {} as Record<string, string>, delta: 0, code: '' }];
  for (const g of (p.groups ?? []).filter((g) => g.variant)) {
    out = out.flatMap((v) =>
      g.values.map((val) => ({
        options: { ...v.options, [g.code]: val.code },
        delta: v.delta + val.priceDelta,
        code: `${v.code}-${val.code}`,
      })),
    );
  }
  return out;
}

async function seedCatalog(tx: Tx, b: DemoBusiness, businessId: string, storeIds: Record<string, string>) {
  const allSkus: { id: string; price: number }[] = [];
  let n = 0;
  for (const [ci, cat] of b.catalog.entries()) {
    const categoryId = newId();
    await tx.insert(categories).values({ id: categoryId, businessId, name: cat.category, sort: ci });
    for (const [pi, p] of cat.products.entries()) {
      const productId = newId();
      await tx.insert(products).values({
        id: productId,
        businessId,
        categoryId,
        name: p.name,
        description: p.description ?? null,
        unit: p.unit ?? '份',
        tags: p.tags ?? [],
        optionGroups: p.groups ?? [],
        availableWindows: p.windows ?? null,
        sort: pi,
      });
      n++;
      for (const v of variants(p)) {
        const skuId = newId();
        await tx.insert(skus).values({
          id: skuId,
          businessId,
          productId,
          code: `${b.skuPrefix}${String(n).padStart(3, '0')}${v.code}`.toUpperCase(),
          options: v.options,
          price: p.price + v.delta,
        });
        allSkus.push({ id: skuId, price: p.price + v.delta });
        for (const [code, storeId] of Object.entries(storeIds)) {
          const qty = p.stock?.[code];
          await tx
            .insert(stockLevels)
            .values({ skuId, storeId, tracked: qty !== undefined, onHand: qty ?? 0 });
          if (qty)
            await tx
              .insert(stockMovements)
              .values({ id: newId(), businessId, skuId, storeId, deltaOnHand: qty, reason: 'initial_stock' });
        }
      }
    }
  }
  return allSkus;
}

// Rounded to whole yuan: how a sales team writes a price list.
const discounted = (price: number, pct: number) => Math.round((price * (100 - pct)) / 10000) * 100;

/** Loads both demo businesses unless they are there already; returns whether anything was written. */
export async function seedDemo(db: Db, log: (m: string) => void = () => {}): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let wrote = false;
  for (const b of demoBusinesses) {
    const [existing] = await db
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.slug, b.slug));
    if (existing) {
      log(`demo business ${b.slug} already present`);
      continue;
    }
    await db.transaction(async (tx) => {
      const { id: businessId, roleIds } = await provisionBusiness(tx, b);
      const storeIds: Record<string, string> = {};
      for (const s of b.stores) {
        storeIds[s.code] = newId();
        await tx.insert(stores).values({
          id: storeIds[s.code]!,
          businessId,
          ...s,
          timezone: 'Asia/Shanghai',
          currency: 'CNY',
          openingHours: weekdays,
        });
      }
      const userIds: Record<string, string> = {};
      for (const u of b.users) {
        userIds[u.username] = newId();
        await tx.insert(users).values({
          id: userIds[u.username]!,
          businessId,
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          locale: u.locale ?? 'zh-CN',
        });
        const scope = u.scope ?? (u.store ? builtInRoleDefinitions[u.role].defaultScope : 'all');
        await tx.insert(roleGrants).values({
          id: newId(),
          userId: userIds[u.username]!,
          roleId: roleIds[u.role],
          scope,
          storeId: u.store ? storeIds[u.store]! : null,
        });
      }
      await seedStorefronts(tx, b.slug, businessId, storeIds);
      const allSkus = await seedCatalog(tx, b, businessId, storeIds);
      const listIds: Record<string, string> = {};
      for (const pl of b.priceLists ?? []) {
        listIds[pl.name] = newId();
        await tx
          .insert(priceLists)
          .values({ id: listIds[pl.name]!, businessId, name: pl.name, currency: 'CNY' });
        for (const sku of allSkus) {
          await tx.insert(priceListItems).values({
            priceListId: listIds[pl.name]!,
            skuId: sku.id,
            minQuantity: 1,
            price: discounted(sku.price, pl.discountPercent),
          });
          for (const br of pl.breaks ?? []) {
            await tx.insert(priceListItems).values({
              priceListId: listIds[pl.name]!,
              skuId: sku.id,
              minQuantity: br.minQuantity,
              price: discounted(sku.price, br.discountPercent),
            });
          }
        }
      }
      for (const a of b.accounts ?? []) {
        await tx.insert(customers).values({
          id: newId(),
          businessId,
          kind: 'account',
          name: a.name,
          contactName: a.contactName,
          phone: a.phone,
          storeId: storeIds[a.store]!,
          salesRepId: userIds[a.salesRep]!,
          priceListId: a.priceList ? listIds[a.priceList]! : null,
        });
      }
      for (const p of b.persons ?? []) {
        const id = newId();
        await tx.insert(customers).values({ id, businessId, kind: 'person', name: p.name, phone: p.phone });
        await tx
          .insert(customerIdentities)
          .values({ id: newId(), businessId, customerId: id, channel: 'h5', subject: p.phone });
      }
    });
    log(`seeded demo business ${b.slug}`);
    wrote = true;
  }
  return wrote;
}

export const demoLogins = () =>
  demoBusinesses.flatMap((b) =>
    b.users.map((u) => ({ business: b.slug, username: u.username, role: u.role, store: u.store ?? '*' })),
  );

import type { BuiltInRole, DataScope, Permission } from '@orderloop/contract';
import { eq } from 'drizzle-orm';
import { provisionBusiness } from '../src/businesses/provision.ts';
import type { Db } from '../src/db/connect.ts';
import { customers, roleGrants, roles, stores, users } from '../src/db/schema.ts';
import { hashPassword } from '../src/identity/passwords.ts';
import { newId } from '../src/lib/ids.ts';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;
let seq = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A business with two stores, ready for users: the unit the scope tests are built on. */
export async function makeBusiness(db: Db, kind: 'restaurant' | 'b2b' = 'b2b') {
  const slug = unique('biz-');
  const { id, roleIds } = await provisionBusiness(db, { slug, name: `Business ${slug}`, kind });
  const storeA = newId();
  const storeB = newId();
  await db.insert(stores).values([
    { id: storeA, businessId: id, code: 'A', name: 'Store A', timezone: 'Asia/Shanghai', currency: 'CNY' },
    { id: storeB, businessId: id, code: 'B', name: 'Store B', timezone: 'Asia/Tokyo', currency: 'JPY' },
  ]);
  return { id, slug, roleIds, storeA, storeB };
}
export type TestBusiness = Awaited<ReturnType<typeof makeBusiness>>;

export async function makeUser(
  db: Db,
  biz: TestBusiness,
  grants: { role: BuiltInRole | string; scope: DataScope; storeId?: string | null }[],
  over: { username?: string; status?: 'active' | 'disabled' } = {},
) {
  passwordHash ??= hashPassword(PASSWORD);
  const id = newId();
  const username = over.username ?? unique('u');
  await db.insert(users).values({
    id,
    businessId: biz.id,
    username,
    displayName: username,
    passwordHash: await passwordHash,
    status: over.status ?? 'active',
  });
  for (const g of grants) {
    const roleId = (biz.roleIds as Record<string, string>)[g.role] ?? g.role;
    await db
      .insert(roleGrants)
      .values({ id: newId(), userId: id, roleId, scope: g.scope, storeId: g.storeId ?? null });
  }
  return { id, username };
}

/** A custom role holding exactly these permissions. */
export async function makeRole(db: Db, biz: TestBusiness, permissions: Permission[]) {
  const id = newId();
  await db.insert(roles).values({ id, businessId: biz.id, key: unique('r_'), name: 'custom', permissions });
  return id;
}

export async function makeCustomer(
  db: Db,
  biz: TestBusiness,
  c: { storeId?: string | null; salesRepId?: string | null; name?: string } = {},
) {
  const id = newId();
  await db.insert(customers).values({
    id,
    businessId: biz.id,
    kind: 'account',
    name: c.name ?? unique('Customer '),
    storeId: c.storeId ?? null,
    salesRepId: c.salesRepId ?? null,
  });
  return id;
}

export async function userByName(db: Db, username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return u!;
}

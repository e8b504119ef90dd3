import { type BuiltInRole, builtInRoleDefinitions, builtInRoles, roleLabels } from '@orderloop/contract';
import type { DbOrTx } from '../db/connect.ts';
import { businesses, roles } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';

/** Creates a business with its copy of the built-in roles (editable per business, never deletable). */
export async function provisionBusiness(
  db: DbOrTx,
  b: { slug: string; name: string; kind: 'restaurant' | 'b2b'; settings?: Record<string, unknown> },
) {
  const id = newId();
  await db
    .insert(businesses)
    .values({ id, slug: b.slug, name: b.name, kind: b.kind, settings: b.settings ?? {} });
  const roleIds = {} as Record<BuiltInRole, string>;
  for (const key of builtInRoles) {
    roleIds[key] = newId();
    await db.insert(roles).values({
      id: roleIds[key],
      businessId: id,
      key,
      name: roleLabels[key].en,
      permissions: [...builtInRoleDefinitions[key].permissions],
      builtIn: true,
    });
  }
  return { id, roleIds };
}

import { z } from 'zod';
import { localeSchema } from '../i18n.ts';
import { dataScopeSchema, permissionSchema } from '../permissions.ts';
import { idSchema, patchOf, phoneSchema, text, timestampSchema } from './common.ts';

export const businessKindSchema = z.enum(['restaurant', 'b2b']);

export const storeRefSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
});

export const grantSchema = z.object({
  id: idSchema,
  roleId: idSchema,
  roleKey: z.string(),
  roleName: z.string(),
  scope: dataScopeSchema,
  storeId: idSchema.nullable(),
});

export const grantInputSchema = z
  .object({
    roleId: idSchema,
    scope: dataScopeSchema,
    storeId: idSchema.nullable().optional(),
  })
  .refine((g) => g.scope !== 'store' || !!g.storeId, {
    message: 'grant.storeRequired',
    path: ['storeId'],
  });

export const effectivePermissionSchema = z.object({
  permission: permissionSchema,
  scope: dataScopeSchema,
  storeIds: z.array(idSchema).describe('Stores reachable with this permission (for scope `store`)'),
});

export const staffUserSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  locale: localeSchema,
});

export const meSchema = z
  .object({
    kind: z.literal('staff'),
    user: staffUserSchema,
    business: z.object({ id: idSchema, name: z.string(), kind: businessKindSchema }),
    stores: z.array(storeRefSchema).describe('Stores this user works in'),
    roles: z.array(z.object({ key: z.string(), name: z.string() })),
    permissions: z.array(effectivePermissionSchema),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const loginRequestSchema = z.object({
  username: text(100).describe('Username or phone number'),
  password: z.string().min(1).max(200),
  mode: z
    .enum(['cookie', 'token'])
    .default('cookie')
    .describe(
      '`cookie` for the console (httpOnly cookie + CSRF token), `token` for the mini-program (bearer)',
    ),
});

export const loginResponseSchema = z.object({
  me: meSchema,
  expiresAt: timestampSchema,
  csrfToken: z.string().optional().describe('Send as X-CSRF-Token on state-changing requests (cookie mode)'),
  token: z.string().optional().describe('Bearer token (token mode)'),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200),
});

export const customerCodeRequestSchema = z.object({
  business: text(60).describe('Business slug'),
  phone: phoneSchema,
});
export const customerCodeResponseSchema = z.object({
  sent: z.literal(true),
  devCode: z.string().optional().describe('Only when DEV_LOGIN is on: the code the dev sender delivered'),
});
export const customerLoginRequestSchema = customerCodeRequestSchema.extend({
  code: z.string().regex(/^\d{6}$/),
});
export const customerMeSchema = z.object({
  kind: z.literal('customer'),
  customer: z.object({
    id: idSchema,
    name: z.string().nullable(),
    phone: z.string().nullable(),
    locale: localeSchema,
  }),
  business: z.object({ id: idSchema, name: z.string(), kind: businessKindSchema }),
});
export const customerLoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: timestampSchema,
  me: customerMeSchema,
});

export const userSchema = staffUserSchema
  .extend({
    email: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    grants: z.array(grantSchema),
    createdAt: timestampSchema,
    lockedUntil: timestampSchema.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'format.username'),
  displayName: text(80),
  phone: phoneSchema.nullable().optional(),
  email: z.email().max(200).nullable().optional().describe('Where email notifications go'),
  password: z.string().min(8).max(200),
  locale: localeSchema.default('zh-CN'),
  grants: z.array(grantInputSchema).max(50).default([]),
});
export const updateUserSchema = patchOf(
  z.object({
    displayName: text(80),
    phone: phoneSchema.nullable(),
    email: z.email().max(200).nullable(),
    locale: localeSchema,
    status: z.enum(['active', 'disabled']),
  }),
);
export const setGrantsSchema = z.object({ grants: z.array(grantInputSchema).max(50) });
export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  storeId: idSchema.optional(),
});

export const roleSchema = z
  .object({
    id: idSchema,
    key: z.string(),
    name: z.string(),
    permissions: z.array(permissionSchema),
    builtIn: z.boolean(),
    userCount: z.number().int(),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;
export const createRoleSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'format.roleKey'),
  name: text(80),
  permissions: z.array(permissionSchema).max(100),
});
export const updateRoleSchema = patchOf(
  z.object({ name: text(80), permissions: z.array(permissionSchema).max(100) }),
);
export const permissionInfoSchema = z.object({ permission: permissionSchema, label: z.string() });

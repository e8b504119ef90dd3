import type { Permission } from '../permissions.ts';

export const pub = { kind: 'public' } as const;
export const anyStaff = { kind: 'staff', permission: null } as const;
export const customer = { kind: 'customer' } as const;
export const staff = <P extends Permission>(permission: P) => ({ kind: 'staff', permission }) as const;

import type { DataScope, Locale, Permission } from '@orderloop/contract';

export type Grant = {
  id: string;
  roleId: string;
  roleKey: string;
  roleName: string;
  permissions: readonly Permission[];
  scope: DataScope;
  storeId: string | null;
};

export type StaffActor = {
  kind: 'staff';
  userId: string;
  businessId: string;
  username: string;
  displayName: string;
  locale: Locale;
  grants: Grant[];
  sessionId: string;
  sessionMode: 'cookie' | 'token';
};

export type CustomerActor = {
  kind: 'customer';
  customerId: string;
  businessId: string;
  sessionId: string;
};

export type Actor = StaffActor | CustomerActor;

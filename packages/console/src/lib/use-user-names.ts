import { routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import { useSession } from '../session/session-context.tsx';

/** The staff this user may see (everyone for those who may list users, else just themselves). */
export function useStaff(): { id: string; displayName: string }[] {
  const { me, can } = useSession();
  const users = useQuery({
    queryKey: ['users', 'names'],
    queryFn: () => api.call(routes.listUsers, { query: { limit: 200 } }),
    enabled: can('users.read'),
    staleTime: 300_000,
  });
  return useMemo(() => {
    const list = users.data?.items ?? [];
    return list.some((u) => u.id === me.user.id) ? list : [...list, me.user];
  }, [users.data, me]);
}

/** Display names of the staff this user may see, to show "sales rep: 沈销售" instead of an id. */
export function useUserNames(): (id: string | null | undefined) => string | null {
  const staff = useStaff();
  return useMemo(() => {
    const names = new Map(staff.map((u) => [u.id, u.displayName]));
    return (id) => (id ? (names.get(id) ?? null) : null);
  }, [staff]);
}

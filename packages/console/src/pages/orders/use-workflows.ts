import {
  type AllowedAction,
  type Locale,
  type Permission,
  routes,
  type Workflow,
  type WorkflowDefinition,
} from '@orderloop/contract';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';

/** Published workflow versions never change: each is fetched once per tab. */
export function useWorkflows(ids: (string | null | undefined)[]): Map<string, Workflow> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))].sort();
  const results = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ['workflow', id],
      queryFn: () => api.call(routes.getWorkflow, { params: { id } }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const key = results.map((r) => r.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when any workflow arrives
  return useMemo(() => {
    const m = new Map<string, Workflow>();
    for (const r of results) if (r.data) m.set(r.data.id, r.data);
    return m;
  }, [key]);
}

/**
 * The actions of a definition that staff with these permissions may take from a state. A hint for
 * offering buttons over many orders; the server checks each order (scope, guards, approvals) anew.
 */
export function staffActionsFrom(
  d: WorkflowDefinition,
  state: string,
  can: (p: Permission) => boolean,
  locale: Locale,
): AllowedAction[] {
  return d.transitions
    .filter((t) => t.from.includes(state) && t.actors.includes('staff') && t.permissions.some((p) => can(p)))
    .map((t) => ({
      action: t.action,
      name: t.name[locale],
      to: t.to,
      tone: t.tone,
      requires: t.requires,
      blockedBy: null,
    }));
}

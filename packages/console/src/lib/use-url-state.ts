import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Filters live in the URL so a view can be bookmarked, shared and restored with Back. With `push`,
 * each change is a history entry (Back undoes a filter); otherwise the entry is replaced.
 */
export function useUrlFilters<K extends string>(keys: readonly K[], { push = false } = {}) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [K, string | null | undefined][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: !push },
      );
    },
    [setParams, push],
  );
  return [values, set] as const;
}

/** The query-string shape the API wants: empty filters left out. */
export const compact = <T extends Record<string, string>>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Partial<T>;

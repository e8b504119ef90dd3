import { routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../session/session-context.tsx';

export type Category = Awaited<ReturnType<typeof fetchCategories>>[number];
const fetchCategories = () => api.call(routes.listCategories);

export const categoriesKey = ['catalog', 'categories'] as const;
export const useCategories = () => useQuery({ queryKey: categoriesKey, queryFn: fetchCategories });

/** "Parent / Child" for a sub-category, as the import file writes it. */
export function categoryPath(categories: Category[] | undefined, id: string | null | undefined) {
  if (!id || !categories) return null;
  const c = categories.find((x) => x.id === id);
  if (!c) return null;
  const parent = c.parentId ? categories.find((x) => x.id === c.parentId) : null;
  return parent ? `${parent.name} / ${c.name}` : c.name;
}

/** Categories in tree order (each top level followed by its children), for selects. */
export function categoryOptions(categories: Category[] | undefined) {
  const all = categories ?? [];
  return all
    .filter((c) => !c.parentId)
    .flatMap((top) => [top, ...all.filter((c) => c.parentId === top.id)])
    .map((c) => ({ value: c.id, label: categoryPath(all, c.id) ?? c.name }));
}

/** The currency prices are shown in: the working store's (catalog prices carry none of their own). */
export function useCurrency() {
  const { me, currentStoreId } = useSession();
  return me.stores.find((s) => s.id === currentStoreId)?.currency ?? me.stores[0]?.currency ?? 'CNY';
}

/** The server's words for a failed call, for a toast. */
export const problemText = (err: unknown) =>
  isApiError(err)
    ? err.problem.detail || err.problem.title
    : err instanceof Error
      ? err.message
      : String(err);

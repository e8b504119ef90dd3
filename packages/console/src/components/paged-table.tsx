import { Table, type TableProps } from 'antd';
import type { PagedList } from '../lib/use-paged-query.ts';
import { emptyText } from './empty-text.tsx';
import { LoadMore } from './load-more.tsx';
import { QueryError } from './query-error.tsx';

/** A keyset-paged list as every list page shows it: error with retry, dense table, "load more". */
export function PagedTable<T extends { id: string }>({
  list,
  columns,
  empty,
  testId,
  onRow,
  scroll,
}: {
  list: PagedList<T>;
  columns: TableProps<T>['columns'];
  empty: string;
  testId?: string;
  onRow?: TableProps<T>['onRow'];
  /** e.g. `{ x: 'max-content' }` for a narrow panel: scroll sideways rather than squeeze the columns */
  scroll?: TableProps<T>['scroll'];
}) {
  if (list.error) return <QueryError error={list.error} onRetry={list.refetch} />;
  return (
    <>
      <Table<T>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        locale={{ emptyText: emptyText(list.isLoading, empty) }}
        data-testid={testId}
        onRow={onRow}
        scroll={scroll}
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loadingMore}
        onLoadMore={list.loadMore}
      />
    </>
  );
}

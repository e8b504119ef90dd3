import type { OrderSummary } from '@orderloop/contract';
import { Table, type TableColumnType, type TableRef } from 'antd';
import { type KeyboardEvent, type UIEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { emptyText } from '../../components/empty-text.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useFillHeight } from '../../lib/use-fill-height.ts';
import type { PagedList } from '../../lib/use-paged-query.ts';
import type { OrderSort } from './order-list-query.ts';

const ROW_HEIGHT = 37;
// how close to the end of the loaded rows the next page is fetched
const PREFETCH_PX = ROW_HEIGHT * 30;

/**
 * The order list: a virtualised table (only the visible rows are in the DOM) that fetches the next
 * keyset page as the user scrolls near the end, sorts on the server, and moves a highlighted row with
 * ↑/↓ (Enter opens it).
 */
export function OrdersTable({
  list,
  columns,
  onSort,
  selectedIds,
  onSelect,
  fresh,
}: {
  list: PagedList<OrderSummary>;
  columns: TableColumnType<OrderSummary>[];
  onSort: (sort: OrderSort | null) => void;
  /** checked rows (batch actions); null: this user has no batch actions */
  selectedIds: string[] | null;
  onSelect: (ids: string[]) => void;
  /** orders that arrived live since the user last looked */
  fresh: Set<string>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tableRef = useRef<TableRef>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const { height, width: available } = useFillHeight(wrapRef, 140);
  const [active, setActive] = useState(-1);
  const { items, hasMore, loadingMore, loadMore } = list;

  // a new filter or sort starts again at the top
  const first = items[0]?.id;
  useEffect(() => {
    if (first !== undefined) setActive(-1);
  }, [first]);

  const nearEnd = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX;
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    if (hasMore && !loadingMore && nearEnd(e.currentTarget)) loadMore();
  };

  const move = (to: number) => {
    const i = Math.max(0, Math.min(items.length - 1, to));
    setActive(i);
    tableRef.current?.scrollTo({ index: i, align: 'nearest' } as never);
    if (hasMore && !loadingMore && i > items.length - 20) loadMore();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!items.length || (e.target as HTMLElement).closest('input, button, a, .ant-select')) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target =
      e.key === 'ArrowDown' || e.key === 'j'
        ? active + 1
        : e.key === 'ArrowUp' || e.key === 'k'
          ? active - 1
          : e.key === 'PageDown'
            ? active + page
            : e.key === 'PageUp'
              ? active - page
              : e.key === 'Home'
                ? 0
                : e.key === 'End'
                  ? items.length - 1
                  : null;
    if (target !== null) {
      e.preventDefault();
      move(target);
    } else if (e.key === 'Enter' && items[active]) {
      e.preventDefault();
      navigate(`/orders/${items[active].id}`);
    } else if (e.key === 'x' && items[active] && selectedIds) {
      e.preventDefault();
      const id = items[active].id;
      onSelect(selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id]);
    } else if (e.key === 'Escape' && selectedIds?.length) {
      e.preventDefault();
      onSelect([]);
    }
  };

  if (list.error) return <QueryError error={list.error} onRetry={list.refetch} />;
  // the customer column takes whatever width the others leave, so the table fills the panel
  const sum = columns.reduce((total, c) => total + (Number(c.width) || 120), 0) + (selectedIds ? 36 : 0);
  const spare = Math.max(0, available - sum - 2);
  const fitted = columns.map((c) => (c.key === 'customer' ? { ...c, width: Number(c.width) + spare } : c));
  const width = sum + spare;
  return (
    // biome-ignore lint/a11y/useSemanticElements: antd renders the table inside; the wrapper takes focus for ↑/↓/Enter
    <div
      ref={wrapRef}
      role="grid"
      tabIndex={0}
      className="orders-grid"
      onKeyDown={onKeyDown}
      aria-label={t('orders.keyboardHint')}
      data-testid="orders-table"
    >
      <Table<OrderSummary>
        ref={tableRef}
        virtual
        size="small"
        rowKey="id"
        columns={fitted}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: width, y: height }}
        onScroll={onScroll}
        locale={{ emptyText: emptyText(list.isLoading, t('orders.empty')) }}
        rowSelection={
          selectedIds
            ? {
                selectedRowKeys: selectedIds,
                onChange: (keys) => onSelect(keys as string[]),
                preserveSelectedRowKeys: true,
                columnWidth: 36,
                fixed: 'left',
              }
            : undefined
        }
        rowClassName={(o, i) =>
          [i === active ? 'row-active' : '', o.overdue ? 'row-overdue' : '', fresh.has(o.id) ? 'row-new' : '']
            .filter(Boolean)
            .join(' ')
        }
        onRow={(o, i) => ({
          onClick: (e) => {
            // the checkbox column selects; everywhere else opens the order
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            setActive(i ?? -1);
            navigate(`/orders/${o.id}`);
          },
          'data-id': o.id,
        })}
        onChange={(_p, _f, sorter, extra) => {
          if (extra.action !== 'sort' || Array.isArray(sorter)) return;
          const key = (sorter.column?.key as string | undefined) ?? null;
          const field = key === 'number' || key === 'total' || key === 'createdAt' ? key : null;
          onSort(
            field && sorter.order ? (`${sorter.order === 'descend' ? '-' : ''}${field}` as OrderSort) : null,
          );
        }}
      />
      <LoadMore count={items.length} hasMore={hasMore} loading={loadingMore} onLoadMore={loadMore} />
    </div>
  );
}

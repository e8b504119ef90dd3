import { PlusOutlined } from '@ant-design/icons';
import { routes } from '@orderloop/contract';
import { Button, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';
import { BatchActions } from './batch-actions.tsx';
import { LiveBadge, useLiveOrders } from './live-orders.tsx';
import { ColumnChooser, columnKeys, useHiddenColumns, useOrderColumns } from './order-columns.tsx';
import { ExportButton } from './order-export.tsx';
import { orderFilterKeys, sortOf, toListQuery } from './order-list-query.ts';
import { OrdersFilters } from './orders-filters.tsx';
import { OrdersTable } from './orders-table.tsx';
import { SavedViews, toExportColumns } from './saved-views.tsx';

const PAGE = 100;

export function OrdersPage() {
  const { t } = useI18n();
  const { me, can, currentStoreId, timeZone } = useSession();
  // every filter change is a history entry: Back undoes it
  const [filters, setFilters] = useUrlFilters(orderFilterKeys, { push: true });
  // the chosen view and the checked rows are in the URL too, replaced rather than pushed
  const [params, setParams] = useSearchParams();
  const currency = me.stores.find((s) => s.id === (filters.storeId || currentStoreId))?.currency ?? 'CNY';
  const query = toListQuery(filters, { currency, timeZone });
  const list = usePagedQuery(['orders', query], (cursor) =>
    api.call(routes.listOrders, { query: { ...query, cursor, limit: PAGE } }),
  );
  const [hidden, setHidden, setVisible] = useHiddenColumns();
  const sort = sortOf(filters);
  const columns = useOrderColumns(sort, hidden);
  const live = useLiveOrders();

  const selParam = params.get('sel') ?? '';
  const selectedIds = useMemo(() => (selParam ? selParam.split(',') : []), [selParam]);
  const setSelected = (ids: string[]) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (ids.length) next.set('sel', ids.join(','));
        else next.delete('sel');
        return next;
      },
      { replace: true },
    );
  const selected = list.items.filter((o) => selectedIds.includes(o.id));
  const canBatch = can('orders.batch');

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        subtitle={t('orders.subtitle')}
        extra={
          <>
            <Typography.Text type="secondary" className="kbd-hint">
              {t(canBatch ? 'orders.keyboardHintBatch' : 'orders.keyboardHint')}
            </Typography.Text>
            <SavedViews
              viewId={params.get('view') ?? ''}
              query={query}
              visible={columnKeys.filter((k) => !hidden.includes(k))}
              currency={currency}
              onApply={(patch, visible) => {
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    for (const [k, v] of Object.entries(patch)) {
                      if (v) next.set(k, v);
                      else next.delete(k);
                    }
                    return next;
                  },
                  { replace: false },
                );
                if (visible) setVisible(visible);
              }}
            />
            <LiveBadge
              count={live.fresh.size}
              status={live.status}
              sound={live.sound}
              onSound={live.setSound}
              onShow={() => {
                live.clear();
                list.refetch();
                document.querySelector('.orders-grid .ant-table-body')?.scrollTo({ top: 0 });
              }}
            />
            {can('orders.create') ? (
              <Link to="/orders/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="orders-new">
                  {t('orders.new')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <div className="panel">
        <OrdersFilters
          filters={filters}
          setFilters={(patch) => setFilters({ ...patch, view: null } as never)}
          currency={currency}
          extra={
            <Flex gap={6} align="center">
              <ExportButton
                query={query}
                columns={toExportColumns(columnKeys.filter((k) => !hidden.includes(k)))}
              />
              <ColumnChooser hidden={hidden} onChange={setHidden} />
            </Flex>
          }
        />
        {canBatch && selectedIds.length ? (
          <BatchActions ids={selectedIds} selected={selected} onSelect={setSelected} />
        ) : null}
        <OrdersTable
          list={list}
          columns={columns}
          onSort={(s) => setFilters({ sort: s === '-createdAt' ? null : s })}
          selectedIds={canBatch ? selectedIds : null}
          onSelect={setSelected}
          fresh={live.fresh}
        />
      </div>
    </>
  );
}

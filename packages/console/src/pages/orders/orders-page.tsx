import { PlusOutlined } from '@ant-design/icons';
import { routes } from '@orderloop/contract';
import { Button, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';
import { ColumnChooser, useHiddenColumns, useOrderColumns } from './order-columns.tsx';
import { orderFilterKeys, sortOf, toListQuery } from './order-list-query.ts';
import { OrdersFilters } from './orders-filters.tsx';
import { OrdersTable } from './orders-table.tsx';

const PAGE = 100;

export function OrdersPage() {
  const { t } = useI18n();
  const { me, can, currentStoreId, timeZone } = useSession();
  // every filter change is a history entry: Back undoes it
  const [filters, setFilters] = useUrlFilters(orderFilterKeys, { push: true });
  const currency = me.stores.find((s) => s.id === (filters.storeId || currentStoreId))?.currency ?? 'CNY';
  const query = toListQuery(filters, { currency, timeZone });
  const list = usePagedQuery(['orders', query], (cursor) =>
    api.call(routes.listOrders, { query: { ...query, cursor, limit: PAGE } }),
  );
  const [hidden, setHidden] = useHiddenColumns();
  const sort = sortOf(filters);
  const columns = useOrderColumns(sort, hidden);

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        subtitle={t('orders.subtitle')}
        extra={
          <>
            <Typography.Text type="secondary" className="kbd-hint">
              {t('orders.keyboardHint')}
            </Typography.Text>
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
          setFilters={setFilters}
          currency={currency}
          extra={<ColumnChooser hidden={hidden} onChange={setHidden} />}
        />
        <OrdersTable
          list={list}
          columns={columns}
          onSort={(s) => setFilters({ sort: s === '-createdAt' ? null : s })}
        />
      </div>
    </>
  );
}

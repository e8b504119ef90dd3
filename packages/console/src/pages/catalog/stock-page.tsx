import { routes } from '@orderloop/contract';
import { Button, Flex, Input, Select, Switch, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { isMessageKey, useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import { StockAdjustModal, type StockTarget } from './stock-adjust-modal.tsx';

type StockRow = Awaited<ReturnType<typeof fetchStock>>['items'][number];
type Movement = Awaited<ReturnType<typeof fetchMoves>>['items'][number];
const fetchStock = (query: Parameters<typeof api.call<typeof routes.listStock>>[1]) =>
  api.call(routes.listStock, query);
const fetchMoves = (query: Parameters<typeof api.call<typeof routes.listStockMovements>>[1]) =>
  api.call(routes.listStockMovements, query);

const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? '0' : String(n));

/** Stock per SKU in one store, with adjustments, and the movement ledger (of one SKU when chosen). */
export function StockPage() {
  const { t, locale } = useI18n();
  const { me, can, currentStoreId, timeZone } = useSession();
  const userName = useUserNames();
  const [filters, setFilters] = useUrlFilters(['storeId', 'q', 'lowOnly', 'skuId'] as const);
  const storeId = filters.storeId || currentStoreId || me.stores[0]?.id || '';
  const [target, setTarget] = useState<StockTarget | null>(null);
  const stock = usePagedQuery(['catalog', 'stock', storeId, filters.q, filters.lowOnly], (cursor) =>
    fetchStock({
      query: {
        storeId,
        q: filters.q || undefined,
        lowOnly: filters.lowOnly === 'true' ? 'true' : undefined,
        cursor,
      },
    }),
  );
  const moves = usePagedQuery(['catalog', 'movements', storeId, filters.skuId], (cursor) =>
    fetchMoves({ query: { storeId, skuId: filters.skuId || undefined, cursor } }),
  );
  const skuLabel = (id: string) => {
    const r = stock.items.find((x) => x.skuId === id);
    return r ? `${r.productName}${r.skuLabel ? ` · ${r.skuLabel}` : ''}` : id.slice(-8);
  };

  const stockColumns: TableColumnsType<StockRow & { id: string }> = [
    {
      title: t('catalog.skuCode'),
      dataIndex: 'skuCode',
      width: 150,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('catalog.product'),
      minWidth: 140, // the product name wraps a character a line when the fixed columns take the rest
      key: 'product',
      render: (_, r) => (
        <Link to={`/catalog/products/${r.productId}`}>
          {r.productName}
          {r.skuLabel ? <span className="muted"> · {r.skuLabel}</span> : null}
        </Link>
      ),
    },
    {
      title: t('stock.onHand'),
      dataIndex: 'onHand',
      width: 90,
      align: 'right',
      render: (v: number, r) => (r.tracked ? v : '—'),
    },
    { title: t('stock.reserved'), dataIndex: 'reserved', width: 90, align: 'right' },
    {
      title: t('stock.available'),
      dataIndex: 'available',
      width: 100,
      align: 'right',
      render: (v: number | null) =>
        v === null ? (
          <Tag>{t('catalog.untracked')}</Tag>
        ) : (
          <Tag color={v <= 0 ? 'red' : v <= 5 ? 'orange' : 'green'}>{v}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setFilters({ skuId: r.skuId })} data-testid="stock-ledger">
            {t('stock.ledger')}
          </Button>
          {can('stock.adjust') ? (
            <Button
              size="small"
              type="primary"
              ghost
              data-testid="stock-adjust"
              onClick={() =>
                setTarget({
                  storeId,
                  skuId: r.skuId,
                  label: `${r.productName} ${r.skuLabel}`.trim(),
                  tracked: r.tracked,
                  onHand: r.onHand,
                })
              }
            >
              {t('stock.adjust')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  const moveColumns: TableColumnsType<Movement> = [
    {
      title: t('stock.time'),
      dataIndex: 'at',
      width: 145,
      render: (v: string) => formatDateTime(v, locale, timeZone),
    },
    ...(filters.skuId
      ? []
      : [{ title: t('catalog.product'), dataIndex: 'skuId', render: (v: string) => skuLabel(v) }]),
    {
      title: t('stock.onHandChange'),
      dataIndex: 'deltaOnHand',
      width: 80,
      align: 'right',
      render: (v: number) => <span className={v < 0 ? 'neg' : ''}>{signed(v)}</span>,
    },
    {
      title: t('stock.reservedChange'),
      dataIndex: 'deltaReserved',
      width: 80,
      align: 'right',
      render: signed,
    },
    {
      title: t('stock.reason'),
      dataIndex: 'reason',
      width: 90,
      render: (v: string) => {
        const key = `stock.reason.${v}`;
        return <Tag>{isMessageKey(key) ? t(key) : v}</Tag>;
      },
    },
    {
      title: t('stock.order'),
      dataIndex: 'orderId',
      width: 80,
      render: (v: string | null) => (v ? <Link to={`/orders/${v}`}>{t('stock.openOrder')}</Link> : '—'),
    },
    {
      title: t('stock.actor'),
      dataIndex: 'actorId',
      width: 90,
      render: (v: string | null) => userName(v) ?? (v ? v.slice(-6) : t('stock.system')),
    },
    { title: t('stock.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
  ];

  return (
    <>
      <PageHeader title={t('stock.title')} subtitle={t('stock.subtitle')} />
      <Flex gap={12} align="flex-start">
        <div className="panel" style={{ flex: 7, minWidth: 0 }}>
          <Flex className="toolbar" gap={12} align="center">
            <Select
              value={storeId}
              onChange={(v) => setFilters({ storeId: v, skuId: null })}
              options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 200 }}
              data-testid="stock-store"
            />
            <Input.Search
              allowClear
              placeholder={t('stock.searchPlaceholder')}
              key={filters.q}
              defaultValue={filters.q}
              onSearch={(q) => setFilters({ q: q.trim() })}
              style={{ width: 220 }}
            />
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={filters.lowOnly === 'true'}
                onChange={(v) => setFilters({ lowOnly: v ? 'true' : null })}
              />
              <span>{t('stock.lowOnly')}</span>
            </Flex>
          </Flex>
          <PagedTable
            list={{ ...stock, items: stock.items.map((r) => ({ ...r, id: r.skuId })) }}
            columns={stockColumns}
            empty={t('stock.empty')}
            testId="stock-table"
          />
        </div>
        <div className="panel" style={{ flex: 5, minWidth: 0 }}>
          <Flex className="toolbar" gap={12} align="center" justify="space-between">
            <Typography.Text strong>
              {t('stock.ledger')}
              {filters.skuId ? <span className="muted"> · {skuLabel(filters.skuId)}</span> : null}
            </Typography.Text>
            {filters.skuId ? (
              <Button size="small" onClick={() => setFilters({ skuId: null })}>
                {t('stock.allSkus')}
              </Button>
            ) : null}
          </Flex>
          <PagedTable<Movement>
            list={moves}
            columns={moveColumns}
            empty={t('stock.noMovements')}
            testId="movements-table"
            scroll={{ x: 'max-content' }}
          />
        </div>
      </Flex>
      {target ? <StockAdjustModal target={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}

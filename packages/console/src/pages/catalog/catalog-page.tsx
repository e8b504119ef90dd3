import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type Product, routes } from '@orderloop/contract';
import { App, Button, Dropdown, Flex, Input, Segmented, type TableColumnsType, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { compact, useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';
import { categoryPath, problemText, useCategories, useCurrency } from './catalog-data.ts';
import { CategoryPanel } from './category-panel.tsx';

/** Saves a download (export) the way a link would, with the server's file name. */
export function saveBlob(data: Blob, filename: string) {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const run = async (format: 'csv' | 'xlsx') => {
    try {
      const file = await api.call(routes.exportCatalog, { query: { format } });
      saveBlob(file.data, file.filename ?? `catalog.${format}`);
    } catch (err) {
      message.error(problemText(err));
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: 'Excel (.xlsx)', onClick: () => void run('xlsx') },
          { key: 'csv', label: 'CSV (.csv)', onClick: () => void run('csv') },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="catalog-export">
        {t('catalog.export')}
      </Button>
    </Dropdown>
  );
}

const priceRange = (p: Product, currency: string, locale: Parameters<typeof formatMoney>[2]) => {
  const prices = p.skus.filter((s) => s.active).map((s) => s.price);
  if (!prices.length) return '—';
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return lo === hi
    ? formatMoney(lo, currency, locale)
    : `${formatMoney(lo, currency, locale)} – ${formatMoney(hi, currency, locale)}`;
};

export function CatalogPage() {
  const { t, locale } = useI18n();
  const { can, storeName } = useSession();
  const navigate = useNavigate();
  const currency = useCurrency();
  const categories = useCategories();
  const [filters, setFilters] = useUrlFilters(['q', 'categoryId', 'active'] as const);
  const active = filters.active === 'true' || filters.active === 'false' ? filters.active : undefined;
  const list = usePagedQuery(['catalog', 'products', filters], (cursor) =>
    api.call(routes.listProducts, { query: { ...compact(filters), active, cursor } }),
  );
  const canWrite = can('catalog.write');

  const columns: TableColumnsType<Product> = [
    {
      title: t('catalog.product'),
      dataIndex: 'name',
      render: (v: string, p) => (
        <Link to={`/catalog/products/${p.id}`} data-testid="product-link">
          {v}
        </Link>
      ),
    },
    {
      title: t('catalog.category'),
      dataIndex: 'categoryId',
      width: 180,
      render: (v: string | null) => categoryPath(categories.data, v) ?? <span className="muted">—</span>,
    },
    {
      title: t('catalog.skus'),
      key: 'skus',
      width: 90,
      align: 'right',
      render: (_, p) => p.skus.filter((s) => s.active).length,
    },
    {
      title: t('catalog.price'),
      key: 'price',
      width: 190,
      align: 'right',
      render: (_, p) => <span className="num">{priceRange(p, currency, locale)}</span>,
    },
    { title: t('catalog.unit'), dataIndex: 'unit', width: 70 },
    {
      title: t('catalog.soldOutIn'),
      dataIndex: 'soldOutStoreIds',
      width: 200,
      render: (ids: string[]) =>
        ids.length ? (
          ids.map((id) => (
            <Tag color="red" key={id}>
              {storeName(id) ?? id.slice(-6)}
            </Tag>
          ))
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('catalog.status'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('catalog.onSale')}</Tag> : <Tag>{t('catalog.offSale')}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('catalog.title')}
        subtitle={t('catalog.subtitle')}
        extra={
          <>
            <ExportButton />
            {can('catalog.write') ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => navigate('/catalog/import')}
                data-testid="catalog-import"
              >
                {t('catalog.import')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/catalog/products/new')}
                data-testid="product-new"
              >
                {t('catalog.newProduct')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={12} align="flex-start">
        <CategoryPanel
          selected={filters.categoryId}
          onSelect={(categoryId) => setFilters({ categoryId })}
          canWrite={canWrite}
        />
        <div className="panel" style={{ flex: 1, minWidth: 0 }}>
          <Flex className="toolbar" gap={12} align="center">
            <Input.Search
              allowClear
              placeholder={t('catalog.searchPlaceholder')}
              key={filters.q}
              defaultValue={filters.q}
              onSearch={(q) => setFilters({ q: q.trim() })}
              style={{ width: 300 }}
              data-testid="catalog-search"
            />
            <Segmented<string>
              value={active ?? ''}
              onChange={(v) => setFilters({ active: v })}
              options={[
                { value: '', label: t('common.all') },
                { value: 'true', label: t('catalog.onSale') },
                { value: 'false', label: t('catalog.offSale') },
              ]}
            />
          </Flex>
          <PagedTable<Product>
            list={list}
            columns={columns}
            empty={t('catalog.empty')}
            testId="products-table"
          />
        </div>
      </Flex>
    </>
  );
}

import { type Product, routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type RefSelectProps, Select, Tag } from 'antd';
import { type Ref, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatMoney } from '../../lib/money.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

type Sku = Product['skus'][number];
type Option = { value: string; label: string; product: Product; sku: Sku };

/** Units of a SKU available in a store: a number, or null when the store does not track it. */
export function availableIn(stock: Sku['stock'], storeId: string): number | null {
  const s = stock.find((x) => x.storeId === storeId);
  return s?.tracked ? (s.available ?? 0) : null;
}

/**
 * Product/SKU lookup as you type (name or SKU code, on the server), one option per SKU with its
 * price and the stock available in the order's store; picking one adds a line and clears the box.
 */
export function ProductSearch({
  storeId,
  currency,
  onPick,
  selectRef,
}: {
  storeId: string;
  currency: string;
  onPick: (product: Product, sku: Sku) => void;
  selectRef?: Ref<RefSelectProps>;
}) {
  const { t, locale } = useI18n();
  const [term, setTerm] = useState('');
  // opened by typing, ↓ or a click, closed by a pick: not by focus coming back after a line is added
  const [open, setOpen] = useState(false);
  const q = useDebounced(term.trim(), 200);
  const found = useQuery({
    queryKey: ['products', 'lookup', storeId, q],
    queryFn: () =>
      api.call(routes.listProducts, { query: { q: q || undefined, storeId, active: 'true', limit: 20 } }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // the options must answer the text in the box, not an earlier one, or Enter would pick a stale match
  const settled = q === term.trim() && !found.isPlaceholderData;
  const options = useMemo<Option[]>(
    () =>
      (settled ? (found.data?.items ?? []) : []).flatMap((product) =>
        product.skus
          .filter((sku) => sku.active)
          .map((sku) => ({
            value: sku.id,
            label: [product.name, sku.label].filter(Boolean).join(' · '),
            product,
            sku,
          })),
      ),
    [found.data, settled],
  );

  return (
    <Select<string, Option>
      ref={selectRef}
      id="product-search"
      showSearch={{
        filterOption: false,
        searchValue: term,
        onSearch: (v) => {
          setTerm(v);
          if (v) setOpen(true);
        },
      }}
      open={open}
      onOpenChange={setOpen}
      onBlur={() => setOpen(false)}
      value={null}
      placeholder={t('orderForm.productSearch')}
      loading={!settled || found.isFetching}
      notFoundContent={!settled || found.isFetching ? t('common.loading') : t('orderForm.noProducts')}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      data-testid="product-search"
      data-settled={settled ? 'true' : 'false'}
      options={options}
      optionRender={(o) => {
        const { product, sku } = o.data;
        const available = availableIn(sku.stock, storeId);
        const soldOut = product.soldOutStoreIds.includes(storeId);
        return (
          <div className="lookup-option" data-sku={sku.code}>
            <span className="lookup-main">
              {product.name}
              {sku.label ? <span className="muted"> · {sku.label}</span> : null}
            </span>
            <span className="mono muted">{sku.code}</span>
            {soldOut ? (
              <Tag color="red" className="lookup-tag">
                {t('unavailable.sold_out')}
              </Tag>
            ) : null}
            <span className="lookup-side num">{formatMoney(sku.price, currency, locale)}</span>
            <span className={`lookup-stock num${available !== null && available <= 0 ? ' warn' : ''}`}>
              {available === null
                ? t('orderForm.stockUnlimited')
                : t('orderForm.stock', { count: available })}
            </span>
          </div>
        );
      }}
      onSelect={(_v, o) => {
        setTerm('');
        setOpen(false);
        onPick(o.product, o.sku);
      }}
    />
  );
}

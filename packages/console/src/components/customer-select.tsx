import { routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type RefSelectProps, Select, Tag } from 'antd';
import { type Ref, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import type { Customer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useDebounced } from '../lib/use-debounced.ts';

export const customerLabel = (c: Pick<Customer, 'name' | 'contactName' | 'phone'>) =>
  c.name ?? c.contactName ?? c.phone ?? '';

/**
 * Customer lookup as you type (name, contact or phone, on the server); the chosen one keeps its label
 * even when it is not among the current matches, fetched by id when the page opened with it.
 */
export function CustomerSelect({
  value,
  onChange,
  placeholder,
  storeId,
  style,
  status,
  testId,
  selectRef,
  onPicked,
}: {
  value: string | null | undefined;
  onChange: (id: string | null, customer: Customer | null) => void;
  placeholder?: string;
  storeId?: string;
  style?: React.CSSProperties;
  status?: 'error';
  testId?: string;
  selectRef?: Ref<RefSelectProps>;
  onPicked?: () => void;
}) {
  const { t } = useI18n();
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 250);
  const matches = useQuery({
    queryKey: ['customers', 'lookup', q, storeId ?? ''],
    queryFn: () => api.call(routes.listCustomers, { query: { q: q || undefined, storeId, limit: 20 } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  // only matches of the text in the box: Enter must not pick a result of an earlier search
  const settled = q === term.trim() && !matches.isPlaceholderData;
  const found = settled ? (matches.data?.items ?? []) : [];
  const chosen = useQuery({
    queryKey: ['customer', value],
    queryFn: () => api.call(routes.getCustomer, { params: { id: value! } }),
    enabled: !!value && !found.some((c) => c.id === value),
    staleTime: 300_000,
  });
  const options = useMemo(() => {
    const list = [...found];
    if (chosen.data && !list.some((c) => c.id === chosen.data.id)) list.unshift(chosen.data);
    return list.map((c) => ({
      value: c.id,
      label: customerLabel(c),
      customer: c,
    }));
  }, [found, chosen.data]);

  return (
    <Select
      ref={selectRef}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm, searchValue: term }}
      value={value || undefined}
      placeholder={placeholder ?? t('orderForm.customerPlaceholder')}
      loading={!settled || matches.isFetching}
      notFoundContent={!settled || matches.isFetching ? t('common.loading') : t('customers.empty')}
      style={style}
      status={status}
      data-testid={testId}
      popupMatchSelectWidth={360}
      options={options}
      optionRender={(o) => {
        const c = o.data.customer;
        return (
          <div className="lookup-option">
            <span className="lookup-main">{customerLabel(c)}</span>
            {c.kind === 'account' ? (
              <Tag color="geekblue" className="lookup-tag">
                {t('customers.kind.account')}
              </Tag>
            ) : null}
            <span className="muted lookup-side">{[c.contactName, c.phone].filter(Boolean).join(' · ')}</span>
          </div>
        );
      }}
      onChange={(id: string | undefined, option) => {
        setTerm('');
        const c = option && !Array.isArray(option) ? (option as { customer: Customer }).customer : null;
        onChange(id ?? null, c);
        if (id) onPicked?.();
      }}
    />
  );
}

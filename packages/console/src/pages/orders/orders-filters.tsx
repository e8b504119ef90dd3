import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { currencyDigits } from '../../lib/money.ts';
import { useStaff } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import { csvValues, type OrderFilters, orderFilterKeys, secondaryFilterKeys } from './order-list-query.ts';
import { channels, fulfilments, orderStates, paymentStatuses, useCodeLabel } from './order-tags.tsx';

type SetFilters = (patch: Partial<Record<keyof OrderFilters, string | null>>) => void;

function MultiCode({
  value,
  codes,
  prefix,
  placeholder,
  onChange,
  testId,
  width = 150,
}: {
  value: string;
  codes: readonly string[];
  prefix: string;
  placeholder: string;
  onChange: (csv: string) => void;
  testId: string;
  width?: number;
}) {
  const label = useCodeLabel();
  return (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      listHeight={codes.length * 32 + 8}
      placeholder={placeholder}
      value={csvValues(value)}
      onChange={(v: string[]) => onChange(v.join(','))}
      style={{ width }}
      data-testid={testId}
      options={codes.map((c) => ({ value: c, label: label(prefix, c) }))}
    />
  );
}

/** An amount bound, applied when the user leaves the field or presses Enter (not on every key). */
function AmountInput({
  value,
  digits,
  placeholder,
  onCommit,
  testId,
}: {
  value: string;
  digits: number;
  placeholder: string;
  onCommit: (v: string | null) => void;
  testId: string;
}) {
  const commit = (raw: string) => {
    const n = Number(raw.replace(/[^\d.]/g, ''));
    onCommit(raw.trim() && Number.isFinite(n) ? String(n) : null);
  };
  return (
    <InputNumber
      key={value}
      min={0}
      precision={digits}
      placeholder={placeholder}
      defaultValue={value === '' ? undefined : Number(value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onPressEnter={(e) => commit(e.currentTarget.value)}
      style={{ width: 110 }}
      data-testid={testId}
    />
  );
}

export function OrdersFilters({
  filters,
  setFilters,
  currency,
  extra,
}: {
  filters: OrderFilters;
  setFilters: SetFilters;
  currency: string;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const staff = useStaff().map((u) => ({ value: u.id, label: u.displayName }));
  const secondaryActive = secondaryFilterKeys.filter((k) => filters[k]).length;
  const [more, setMore] = useState(secondaryActive > 0);
  const anyActive = orderFilterKeys.some((k) => k !== 'sort' && filters[k]);
  const digits = currencyDigits(currency);
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    filters.from || filters.to
      ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
      : null;

  return (
    <Flex vertical gap={8} className="toolbar orders-filters">
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t('orders.searchPlaceholder')}
          key={filters.q}
          defaultValue={filters.q}
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 200 }}
          data-testid="orders-search"
        />
        <MultiCode
          value={filters.state}
          codes={orderStates}
          prefix="orderState"
          placeholder={t('orders.filter.state')}
          onChange={(v) => setFilters({ state: v })}
          testId="orders-state"
          width={160}
        />
        {me.stores.length > 1 ? (
          <Select
            allowClear
            placeholder={t('orders.filter.store')}
            value={filters.storeId || undefined}
            onChange={(v?: string) => setFilters({ storeId: v })}
            style={{ width: 130 }}
            data-testid="orders-store"
            options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) =>
            setFilters({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
          }
          placeholder={[t('orders.filter.from'), t('orders.filter.to')]}
          style={{ width: 230 }}
          data-testid="orders-dates"
        />
        <CustomerSelect
          value={filters.customerId}
          onChange={(id) => setFilters({ customerId: id })}
          placeholder={t('orders.filter.customer')}
          style={{ width: 160 }}
          testId="orders-customer"
        />
        <Badge count={more ? 0 : secondaryActive} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setMore(!more)} data-testid="orders-more">
            {t('orders.filter.more')}
          </Button>
        </Badge>
        {anyActive ? (
          <Button
            type="link"
            icon={<ClearOutlined />}
            onClick={() =>
              setFilters(
                Object.fromEntries(orderFilterKeys.filter((k) => k !== 'sort').map((k) => [k, null])),
              )
            }
            data-testid="orders-clear"
          >
            {t('orders.filter.clear')}
          </Button>
        ) : null}
        <div style={{ flex: 1 }} />
        {extra}
      </Flex>
      {more ? (
        <Flex gap={8} wrap align="center" data-testid="orders-more-filters">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('orders.filter.salesRep')}
            value={filters.salesRepId || undefined}
            onChange={(v?: string) => setFilters({ salesRepId: v })}
            style={{ width: 160 }}
            data-testid="orders-sales-rep"
            options={staff}
          />
          <MultiCode
            value={filters.channel}
            codes={channels}
            prefix="orderChannel"
            placeholder={t('orders.filter.channel')}
            onChange={(v) => setFilters({ channel: v })}
            testId="orders-channel"
          />
          <MultiCode
            value={filters.paymentStatus}
            codes={paymentStatuses}
            prefix="payment"
            placeholder={t('orders.filter.payment')}
            onChange={(v) => setFilters({ paymentStatus: v })}
            testId="orders-payment"
          />
          <MultiCode
            value={filters.fulfilment}
            codes={fulfilments}
            prefix="fulfilment"
            placeholder={t('orders.filter.fulfilment')}
            onChange={(v) => setFilters({ fulfilment: v })}
            testId="orders-fulfilment"
          />
          <Flex align="center" gap={4}>
            <AmountInput
              value={filters.min}
              digits={digits}
              placeholder={t('orders.filter.amountMin')}
              onCommit={(v) => setFilters({ min: v })}
              testId="orders-min"
            />
            <span className="muted">–</span>
            <AmountInput
              value={filters.max}
              digits={digits}
              placeholder={t('orders.filter.amountMax')}
              onCommit={(v) => setFilters({ max: v })}
              testId="orders-max"
            />
          </Flex>
          <Input
            allowClear
            placeholder={t('orders.filter.tag')}
            key={`tag-${filters.tag}`}
            defaultValue={filters.tag}
            onPressEnter={(e) => setFilters({ tag: e.currentTarget.value.trim() })}
            onBlur={(e) => setFilters({ tag: e.currentTarget.value.trim() })}
            style={{ width: 130 }}
            data-testid="orders-tag"
          />
        </Flex>
      ) : null}
    </Flex>
  );
}

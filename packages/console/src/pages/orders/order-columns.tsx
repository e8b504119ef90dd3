import { SettingOutlined } from '@ant-design/icons';
import type { OrderSummary } from '@orderloop/contract';
import { Button, Checkbox, Flex, Popover, type TableColumnType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime, shortId } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { useUserNames } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';
import type { OrderSort } from './order-list-query.ts';
import { OrderStateTag, PaymentTag, useCodeLabel } from './order-tags.tsx';

export const columnKeys = [
  'number',
  'state',
  'due',
  'store',
  'customer',
  'phone',
  'channel',
  'fulfilment',
  'lines',
  'total',
  'payment',
  'salesRep',
  'tags',
  'submittedAt',
  'createdAt',
] as const;
export type ColumnKey = (typeof columnKeys)[number];
const sortable: Partial<Record<ColumnKey, 'number' | 'total' | 'createdAt'>> = {
  number: 'number',
  total: 'total',
  createdAt: 'createdAt',
};
const defaultHidden: ColumnKey[] = ['phone', 'submittedAt', 'tags'];
const STORAGE_KEY = 'ol.orders.hiddenColumns';

/** Which columns the user hid, remembered in this browser (new columns show up by default). */
export function useHiddenColumns() {
  const [hidden, setHidden] = useState<ColumnKey[]>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
      return Array.isArray(stored) ? stored.filter((k) => columnKeys.includes(k)) : defaultHidden;
    } catch {
      return defaultHidden;
    }
  });
  const update = (next: ColumnKey[]) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setHidden(next);
  };
  return [
    hidden,
    update,
    (visible: ColumnKey[]) => update(columnKeys.filter((k) => !visible.includes(k))),
  ] as const;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
/** "in 3 hr" / "2 days ago", in the user's language: how long until (or since) a due time. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const [unit, size] = units.find(([, n]) => Math.abs(ms) >= n) ?? ['minute', 60_000];
  // never 0: "this minute" (ja "1 分以内") next to "overdue" reads as not overdue yet
  const n = Math.max(1, Math.round(Math.abs(ms) / size)) * (ms < 0 ? -1 : 1);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }).format(n, unit);
}

export function useOrderColumns(sort: OrderSort, hidden: ColumnKey[]): TableColumnType<OrderSummary>[] {
  const { t, locale } = useI18n();
  const { me, storeName, timeZone } = useSession();
  const userName = useUserNames();
  const label = useCodeLabel();
  const time = (v: string | null) =>
    v ? <span className="muted">{formatDateTime(v, locale, timeZone)}</span> : t('common.none');
  const all: Record<ColumnKey, TableColumnType<OrderSummary>> = {
    number: {
      width: 146,
      fixed: 'left',
      render: (_, o) => (
        <Link to={`/orders/${o.id}`} className="mono order-number" onClick={(e) => e.stopPropagation()}>
          {o.number}
        </Link>
      ),
    },
    state: {
      width: 104,
      render: (_, o) => (
        <>
          <OrderStateTag state={o.state} name={o.stateName} />
          {o.stage ? <span className="muted stage-hint">{label('stage', o.stage)}</span> : null}
        </>
      ),
    },
    due: {
      width: 96,
      render: (_, o) =>
        o.dueAt ? (
          <Tooltip title={formatDateTime(o.dueAt, locale, timeZone)}>
            <span className={o.overdue ? 'due-overdue' : 'muted'} data-overdue={o.overdue || undefined}>
              {o.overdue ? `${t('orders.overdue')} ` : ''}
              {relativeTime(o.dueAt, locale)}
            </span>
          </Tooltip>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    store: { width: 110, ellipsis: true, render: (_, o) => storeName(o.storeId) ?? t('common.none') },
    customer: {
      width: 160,
      ellipsis: true,
      render: (_, o) => o.customerName ?? o.contact.name ?? t('common.none'),
    },
    phone: { width: 130, render: (_, o) => o.contact.phone ?? t('common.none') },
    channel: { width: 84, render: (_, o) => label('orderChannel', o.channel) },
    fulfilment: { width: 76, render: (_, o) => label('fulfilment', o.fulfilment) },
    lines: { width: 56, align: 'right', className: 'num', render: (_, o) => o.lineCount },
    total: {
      width: 120,
      align: 'right',
      className: 'num',
      render: (_, o) => formatMoney(o.total, o.currency, locale),
    },
    payment: { width: 84, render: (_, o) => <PaymentTag status={o.paymentStatus} /> },
    salesRep: {
      width: 90,
      ellipsis: true,
      render: (_, o) =>
        o.salesRepId === me.user.id ? (
          <Tag color="gold">{t('customers.me')}</Tag>
        ) : (
          (userName(o.salesRepId) ??
          (o.salesRepId ? <span className="mono muted">{shortId(o.salesRepId)}</span> : t('common.none')))
        ),
    },
    tags: {
      width: 140,
      render: (_, o) =>
        o.tags.map((tag) => (
          <Tag key={tag} className="small-tag">
            {tag}
          </Tag>
        )),
    },
    submittedAt: { width: 140, render: (_, o) => time(o.submittedAt) },
    createdAt: { width: 140, render: (_, o) => time(o.createdAt) },
  };
  const sortKey = sort.replace('-', '');
  // one store: its name in every row says nothing
  const implicit: ColumnKey[] = me.stores.length < 2 ? ['store'] : [];
  return columnKeys
    .filter((k) => !hidden.includes(k) && !implicit.includes(k))
    .map((k) => {
      const field = sortable[k];
      return {
        ellipsis: true,
        ...all[k],
        key: k,
        title: t(`orders.col.${k}`),
        ...(field
          ? {
              sorter: true,
              sortDirections: ['descend', 'ascend', 'descend'] as const,
              sortOrder: sortKey === field ? (sort.startsWith('-') ? 'descend' : 'ascend') : null,
            }
          : {}),
      } as TableColumnType<OrderSummary>;
    });
}

export function ColumnChooser({
  hidden,
  onChange,
}: {
  hidden: ColumnKey[];
  onChange: (hidden: ColumnKey[]) => void;
}) {
  const { t } = useI18n();
  const content = (
    <Flex vertical gap={4} data-testid="column-chooser">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('orders.columnsHint')}
      </Typography.Text>
      {columnKeys.map((k) => (
        <Checkbox
          key={k}
          checked={!hidden.includes(k)}
          disabled={k === 'number'}
          data-column={k}
          onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== k) : [...hidden, k])}
        >
          {t(`orders.col.${k}`)}
        </Checkbox>
      ))}
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Tooltip title={t('orders.columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('orders.columns')} data-testid="orders-columns" />
      </Tooltip>
    </Popover>
  );
}

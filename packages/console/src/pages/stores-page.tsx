import { routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { api } from '../api/client.ts';
import type { Store } from '../api/types.ts';
import { emptyText } from '../components/empty-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { type Translate, useI18n } from '../i18n/i18n-context.tsx';
import { formatDateTime } from '../lib/format.ts';

/** "Daily 09:00–21:00" when every day is the same, else the days listed compactly. */
function hoursText(hours: Store['openingHours'], t: Translate, weekday: (d: number) => string): string {
  if (!hours.length) return t('stores.hoursNone');
  const first = hours[0]!;
  const same = hours.every((h) => h.open === first.open && h.close === first.close);
  if (same && new Set(hours.map((h) => h.day)).size === 7)
    return t('stores.hoursDaily', { open: first.open, close: first.close });
  return hours.map((h) => `${weekday(h.day)} ${h.open}–${h.close}`).join(', ');
}

export function StoresPage() {
  const { t, locale } = useI18n();
  const stores = useQuery({ queryKey: ['stores'], queryFn: () => api.call(routes.listStores) });
  const weekdayFormat = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday, so day 0 = Sunday as the contract says
  const weekday = (d: number) => weekdayFormat.format(new Date(Date.UTC(2023, 0, 1 + d)));

  const columns: TableColumnsType<Store> = [
    { title: t('stores.code'), dataIndex: 'code', width: 70, render: (v: string) => <Tag>{v}</Tag> },
    { title: t('stores.name'), dataIndex: 'name', width: 160 },
    { title: t('stores.address'), dataIndex: 'address', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('stores.phone'),
      dataIndex: 'phone',
      width: 140,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('stores.hours'),
      key: 'hours',
      width: 170,
      render: (_, s) => hoursText(s.openingHours, t, weekday),
    },
    {
      title: t('stores.timezone'),
      dataIndex: 'timezone',
      width: 130,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    { title: t('stores.currency'), dataIndex: 'currency', width: 70 },
    {
      title: t('stores.status'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('stores.active')}</Tag> : <Tag>{t('stores.inactive')}</Tag>,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string, s) => <span className="muted">{formatDateTime(v, locale, s.timezone)}</span>,
    },
  ];

  return (
    <>
      <PageHeader title={t('stores.title')} subtitle={t('stores.subtitle')} />
      <div className="panel">
        {stores.error ? (
          <QueryError error={stores.error} onRetry={() => void stores.refetch()} />
        ) : (
          <Table<Store>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={stores.data ?? []}
            loading={stores.isLoading}
            pagination={false}
            locale={{ emptyText: emptyText(stores.isLoading, t('stores.empty')) }}
          />
        )}
      </div>
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { routes } from '@orderloop/contract';
import { Button, Flex, Input, Segmented, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { Customer } from '../api/types.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatDateTime } from '../lib/format.ts';
import { usePagedQuery } from '../lib/use-paged-query.ts';
import { compact, useUrlFilters } from '../lib/use-url-state.ts';
import { useUserNames } from '../lib/use-user-names.ts';
import { useSession } from '../session/session-context.tsx';
import { CustomerCreateModal } from './customers/customer-create-modal.tsx';

type Kind = Customer['kind'];
const kinds: Kind[] = ['account', 'person'];

export function CustomersPage() {
  const { t, locale } = useI18n();
  const { me, can, storeName, timeZone } = useSession();
  const [creating, setCreating] = useState(false);
  const userName = useUserNames();
  const [filters, setFilters] = useUrlFilters(['q', 'kind'] as const);
  const kind = kinds.includes(filters.kind as Kind) ? (filters.kind as Kind) : undefined;
  const list = usePagedQuery(['customers', filters], (cursor) =>
    api.call(routes.listCustomers, { query: { ...compact(filters), kind, cursor } }),
  );

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      render: (v: string | null, c) => (
        <Link to={`/customers/${c.id}`} data-testid="customer-link">
          {v ?? c.phone ?? t('common.none')}
        </Link>
      ),
    },
    {
      title: t('customers.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: Kind) => (
        <Tag color={v === 'account' ? 'geekblue' : 'default'}>{t(`customers.kind.${v}`)}</Tag>
      ),
    },
    {
      title: t('customers.contact'),
      dataIndex: 'contactName',
      width: 120,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('customers.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('customers.store'),
      dataIndex: 'storeId',
      width: 130,
      render: (v: string | null) => storeName(v) ?? t('common.none'),
    },
    {
      title: t('customers.salesRep'),
      dataIndex: 'salesRepId',
      width: 140,
      render: (v: string | null) =>
        v === me.user.id ? (
          <Tag color="gold">{t('customers.me')}</Tag>
        ) : (
          (userName(v) ?? (v ? <span className="mono muted">{v.slice(0, 8)}</span> : t('common.none')))
        ),
    },
    {
      title: t('customers.channels'),
      key: 'channels',
      width: 140,
      render: (_, c) =>
        c.identities.length
          ? c.identities.map((i) => <Tag key={`${i.channel}:${i.subject}`}>{t(`channel.${i.channel}`)}</Tag>)
          : t('common.none'),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => <span className="muted">{formatDateTime(v, locale, timeZone)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          can('customers.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="account-new"
            >
              {t('accounts.new')}
            </Button>
          ) : null
        }
      />
      {creating ? <CustomerCreateModal onClose={() => setCreating(false)} /> : null}
      <div className="panel">
        <Flex className="toolbar" gap={12} align="center">
          <Input.Search
            allowClear
            placeholder={t('customers.searchPlaceholder')}
            key={filters.q}
            defaultValue={filters.q}
            onSearch={(q) => setFilters({ q: q.trim() })}
            style={{ width: 320 }}
            data-testid="customers-search"
          />
          <Segmented<string>
            value={kind ?? ''}
            onChange={(v) => setFilters({ kind: v })}
            data-testid="customers-kind"
            options={[
              { value: '', label: t('common.all') },
              ...kinds.map((k) => ({ value: k, label: t(`customers.kind.${k}`) })),
            ]}
          />
        </Flex>
        <PagedTable<Customer> list={list} columns={columns} empty={t('customers.empty')} />
      </div>
    </>
  );
}

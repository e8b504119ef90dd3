import { PlusOutlined } from '@ant-design/icons';
import { type DataScope, roleLabel, routes, scopeLabels, type User } from '@orderloop/contract';
import { Button, Flex, Input, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatDateTime } from '../lib/format.ts';
import { usePagedQuery } from '../lib/use-paged-query.ts';
import { compact, useUrlFilters } from '../lib/use-url-state.ts';
import { useSession } from '../session/session-context.tsx';
import { UserCreateDrawer, usersQueryKey } from './user-create-drawer.tsx';

const scopeColor: Record<DataScope, string> = { all: 'blue', store: 'cyan', own: 'gold' };

function StatusTag({ user }: { user: User }) {
  const { t } = useI18n();
  if (user.status === 'disabled') return <Tag>{t('users.status.disabled')}</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date())
    return <Tag color="orange">{t('users.status.locked')}</Tag>;
  return <Tag color="green">{t('users.status.active')}</Tag>;
}

export function UsersPage() {
  const { t, locale } = useI18n();
  const { can, storeName, timeZone } = useSession();
  const [filters, setFilters] = useUrlFilters(['q'] as const);
  const [creating, setCreating] = useState(false);
  const list = usePagedQuery([...usersQueryKey, filters], (cursor) =>
    api.call(routes.listUsers, { query: { ...compact(filters), cursor } }),
  );

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 150,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 160 },
    {
      title: t('users.phone'),
      dataIndex: 'phone',
      width: 140,
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('users.status'), key: 'status', width: 90, render: (_, u) => <StatusTag user={u} /> },
    {
      title: t('users.roles'),
      key: 'grants',
      render: (_, u) =>
        u.grants.length ? (
          <Flex gap={4} wrap>
            {u.grants.map((g) => (
              <Tag key={g.id} color={scopeColor[g.scope]}>
                {roleLabel(g.roleKey, locale, g.roleName)} · {scopeLabels[g.scope][locale]}
                {g.storeId ? ` · ${storeName(g.storeId) ?? g.storeId.slice(0, 8)}` : ''}
              </Tag>
            ))}
          </Flex>
        ) : (
          <span className="muted">{t('users.noRoles')}</span>
        ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => <span className="muted">{formatDateTime(v, locale, timeZone)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          can('users.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-user"
            >
              {t('users.new')}
            </Button>
          ) : null
        }
      />
      <div className="panel">
        <Flex className="toolbar" gap={8}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            key={filters.q}
            defaultValue={filters.q}
            onSearch={(q) => setFilters({ q: q.trim() })}
            style={{ width: 320 }}
            data-testid="users-search"
          />
        </Flex>
        <PagedTable<User> list={list} columns={columns} empty={t('users.empty')} testId="users-table" />
      </div>
      <UserCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

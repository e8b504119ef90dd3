import { CheckOutlined } from '@ant-design/icons';
import { type Permission, roleLabel, routes } from '@orderloop/contract';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { api } from '../api/client.ts';
import { emptyText } from '../components/empty-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

type Row = { permission: Permission; label: string };

/** Roles × permissions, read-only: which role may do what. */
export function RolesPage() {
  const { t, locale } = useI18n();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.call(routes.listRoles) });
  const perms = useQuery({ queryKey: ['permissions'], queryFn: () => api.call(routes.listPermissions) });
  const error = roles.error ?? perms.error;
  const loading = roles.isLoading || perms.isLoading;

  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.permission'),
      key: 'permission',
      fixed: 'left',
      width: 220,
      className: 'perm-cell',
      render: (_, r) => (
        <div>
          <div>{r.label}</div>
          <div className="muted mono">{r.permission}</div>
        </div>
      ),
    },
    ...(roles.data ?? []).map((role) => ({
      key: role.id,
      width: 104,
      title: (
        <Tooltip title={role.builtIn ? t('roles.builtIn') : t('roles.custom')}>
          <div style={{ lineHeight: 1.3 }}>
            <div>{roleLabel(role.key, locale, role.name)}</div>
            <div className="muted" style={{ fontWeight: 400 }}>
              {t('roles.userCount', { count: role.userCount })}
              {role.builtIn ? null : (
                <Tag color="purple" style={{ marginInlineStart: 4 }}>
                  {t('roles.custom')}
                </Tag>
              )}
            </div>
          </div>
        </Tooltip>
      ),
      render: (_: unknown, r: Row) =>
        role.permissions.includes(r.permission) ? (
          <CheckOutlined style={{ color: '#1677ff' }} aria-label={`${role.key}:${r.permission}`} />
        ) : null,
    })),
  ];

  return (
    <>
      <PageHeader title={t('roles.title')} subtitle={t('roles.subtitle')} />
      <div className="panel">
        {error ? (
          <QueryError
            error={error}
            onRetry={() => {
              void roles.refetch();
              void perms.refetch();
            }}
          />
        ) : (
          <Table<Row>
            className="matrix"
            size="small"
            bordered
            rowKey="permission"
            columns={columns}
            dataSource={roles.data?.length ? (perms.data ?? []) : []}
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: emptyText(loading, t('roles.empty')) }}
          />
        )}
      </div>
    </>
  );
}

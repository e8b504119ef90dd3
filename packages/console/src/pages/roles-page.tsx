import { CheckOutlined, DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { type Permission, roleLabel, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { emptyText } from '../components/empty-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { useSession } from '../session/session-context.tsx';

type Row = { permission: Permission; label: string };
type NewRole = { key: string; name: string; copyFrom?: string };

/**
 * Roles × permissions. With `roles.manage` the matrix is an editor: tick cells, then save the changed
 * roles. The admin role stays read-only here so nobody unticks their own way back in.
 */
export function RolesPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.call(routes.listRoles) });
  const perms = useQuery({ queryKey: ['permissions'], queryFn: () => api.call(routes.listPermissions) });
  const [edits, setEdits] = useState<Record<string, Permission[]>>({});
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewRole>();
  const manage = can('roles.manage');
  const error = roles.error ?? perms.error;
  const loading = roles.isLoading || perms.isLoading;
  const fail = (err: unknown) => message.error(isApiError(err) ? err.problem.detail : String(err));

  const held = (role: Role) => edits[role.id] ?? role.permissions;
  const editable = (role: Role) => manage && role.key !== 'admin';
  const toggle = (role: Role, p: Permission, on: boolean) => {
    const next = on ? [...held(role), p] : held(role).filter((x) => x !== p);
    setEdits((e) => ({ ...e, [role.id]: next }));
  };
  const dirty = (roles.data ?? []).filter((r) => {
    const e = edits[r.id];
    return e && (e.length !== r.permissions.length || e.some((p) => !r.permissions.includes(p)));
  });

  const save = useMutation({
    mutationFn: async () => {
      for (const r of dirty)
        await api.call(routes.updateRole, { params: { id: r.id }, body: { permissions: edits[r.id] } });
    },
    onSuccess: () => {
      setEdits({});
      message.success(t('roles.saved'));
    },
    onError: fail,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['roles'] }),
  });
  const create = useMutation({
    mutationFn: (v: NewRole) => {
      const from = roles.data?.find((r) => r.id === v.copyFrom);
      return api.call(routes.createRole, {
        body: { key: v.key, name: v.name, permissions: from?.permissions ?? [] },
      });
    },
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => p === 'key' || p === 'name');
      fail(err);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.call(routes.deleteRole, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['roles'] }),
    onError: fail,
  });

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
      width: 110,
      align: 'center' as const,
      title: (
        <div style={{ lineHeight: 1.3 }} data-testid={`role-${role.key}`}>
          <div>
            {roleLabel(role.key, locale, role.name)}{' '}
            {editable(role) ? null : manage ? <LockOutlined className="muted" /> : null}
          </div>
          <div className="muted" style={{ fontWeight: 400 }}>
            {role.userCount === 1 ? t('roles.userCountOne') : t('roles.userCount', { count: role.userCount })}
            {role.builtIn ? null : (
              <Tag color="purple" style={{ marginInlineStart: 4 }}>
                {t('roles.custom')}
              </Tag>
            )}
            {manage && !role.builtIn && role.userCount === 0 ? (
              <Popconfirm title={t('roles.deleteConfirm')} onConfirm={() => remove.mutate(role.id)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} />
              </Popconfirm>
            ) : null}
          </div>
        </div>
      ),
      render: (_: unknown, r: Row) => {
        const on = held(role).includes(r.permission);
        if (!editable(role))
          return on ? (
            <CheckOutlined style={{ color: '#1677ff' }} aria-label={`${role.key}:${r.permission}`} />
          ) : null;
        const changed = on !== role.permissions.includes(r.permission);
        return (
          <Tooltip title={changed ? t('roles.unsaved') : undefined}>
            <Checkbox
              checked={on}
              className={changed ? 'cell-changed' : undefined}
              onChange={(e) => toggle(role, r.permission, e.target.checked)}
              aria-label={`${role.key}:${r.permission}`}
            />
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={manage ? t('roles.subtitleEdit') : t('roles.subtitle')}
        extra={
          manage ? (
            <>
              {dirty.length ? <Button onClick={() => setEdits({})}>{t('common.reset')}</Button> : null}
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="role-new">
                {t('roles.new')}
              </Button>
              <Button
                type="primary"
                disabled={!dirty.length}
                loading={save.isPending}
                onClick={() => save.mutate()}
                data-testid="roles-save"
              >
                {dirty.length === 1
                  ? t('roles.saveCountOne')
                  : dirty.length
                    ? t('roles.saveCount', { count: dirty.length })
                    : t('catalog.save')}
              </Button>
            </>
          ) : null
        }
      />
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
            className="matrix matrix-editable"
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
      <Modal
        open={creating}
        title={t('roles.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('catalog.save')}
      >
        <Form<NewRole> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="key"
            label={t('roles.key')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
            extra={t('roles.keyHint')}
          >
            <Input className="mono" />
          </Form.Item>
          <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="copyFrom" label={t('roles.copyFrom')}>
            <Select
              allowClear
              options={(roles.data ?? []).map((r) => ({
                value: r.id,
                label: roleLabel(r.key, locale, r.name),
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { DeleteOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { type ExportColumn, type RouteInput, routes, type SavedView } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { toMajor } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { type ColumnKey, columnKeys } from './order-columns.tsx';
import type { OrderFilters } from './order-list-query.ts';

type ListQuery = NonNullable<RouteInput<typeof routes.listOrders>['query']>;

/** The list's columns as the export (and so a saved view) names them. */
const exportName: Partial<Record<ColumnKey, ExportColumn>> = {
  number: 'number',
  state: 'state',
  store: 'store',
  customer: 'customer',
  phone: 'contactPhone',
  channel: 'channel',
  fulfilment: 'fulfilment',
  lines: 'lineCount',
  total: 'total',
  payment: 'paymentStatus',
  salesRep: 'salesRep',
  tags: 'tags',
  submittedAt: 'submittedAt',
  createdAt: 'createdAt',
};
export const toExportColumns = (visible: ColumnKey[]) =>
  visible.map((k) => exportName[k]).filter((c): c is ExportColumn => !!c);
const fromExportColumns = (cols: string[]) =>
  columnKeys.filter((k) => !exportName[k] || cols.includes(exportName[k]));

const dayIn = (at: number, timeZone?: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );
const csv = (v: unknown) => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : null);
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** A saved filter (the API's) back into the URL's words: whole days in the store's zone, major units. */
function toUrlFilters(
  view: SavedView,
  currency: string,
  timeZone?: string,
): Partial<Record<keyof OrderFilters, string | null>> {
  const f = view.filter;
  const num = (v: unknown) => (typeof v === 'number' ? String(toMajor(v, currency)) : null);
  return {
    q: str(f.q),
    state: csv(f.state),
    storeId: str(f.storeId),
    customerId: str(f.customerId),
    salesRepId: str(f.salesRepId),
    channel: csv(f.channel),
    paymentStatus: csv(f.paymentStatus),
    fulfilment: csv(f.fulfilment),
    tag: str(f.tag),
    from: typeof f.createdFrom === 'string' ? dayIn(Date.parse(f.createdFrom), timeZone) : null,
    // the saved bound is exclusive: the start of the day after the last one
    to: typeof f.createdTo === 'string' ? dayIn(Date.parse(f.createdTo) - 1, timeZone) : null,
    min: num(f.totalMin),
    max: num(f.totalMax),
    sort: view.sort === '-createdAt' ? null : view.sort,
  };
}

/**
 * Named views of the list: pick one (filters, sort and columns at once), save the current one, share
 * it read-only with a role, delete one's own. The chosen view's id stays in the URL.
 */
export function SavedViews({
  viewId,
  query,
  visible,
  currency,
  onApply,
}: {
  viewId: string;
  query: ListQuery;
  visible: ColumnKey[];
  currency: string;
  onApply: (
    patch: Partial<Record<keyof OrderFilters | 'view', string | null>>,
    visible: ColumnKey[] | null,
  ) => void;
}) {
  const { t } = useI18n();
  const { me, can, timeZone } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; sharedRoleId?: string }>();
  const views = useQuery({ queryKey: ['saved-views'], queryFn: () => api.call(routes.listSavedViews) });
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => api.call(routes.listRoles),
    enabled: can('users.read'),
    staleTime: 300_000,
  });
  const current = views.data?.find((v) => v.id === viewId);
  const fail = (err: unknown) => message.error(isApiError(err) ? err.problem.detail : String(err));
  const create = useMutation({
    mutationFn: (v: { name: string; sharedRoleId?: string }) => {
      const { sort, ...filter } = query;
      const clean = Object.fromEntries(Object.entries(filter).filter(([, x]) => x !== undefined));
      return api.call(routes.createSavedView, {
        body: {
          name: v.name,
          filter: clean as never,
          sort,
          columns: toExportColumns(visible),
          sharedRoleId: v.sharedRoleId ?? null,
        },
      });
    },
    onSuccess: (view) => {
      setSaving(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['saved-views'] });
      onApply({ view: view.id }, null);
      message.success(t('views.saved', { name: view.name }));
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.call(routes.deleteSavedView, { params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['saved-views'] });
      onApply({ view: null }, null);
    },
    onError: fail,
  });

  const pick = (id?: string) => {
    const view = views.data?.find((v) => v.id === id);
    if (!view) return onApply({ view: null }, null);
    onApply(
      { ...toUrlFilters(view, currency, timeZone), view: view.id },
      view.columns.length ? fromExportColumns(view.columns) : null,
    );
  };
  const mine = views.data?.filter((v) => v.ownerId === me.user.id) ?? [];
  const shared = views.data?.filter((v) => v.ownerId !== me.user.id) ?? [];
  const option = (v: SavedView) => ({
    value: v.id,
    label: (
      <span>
        {v.sharedRoleId ? <TeamOutlined className="muted" /> : null} {v.name}
        {v.ownerId !== me.user.id ? <span className="muted"> · {v.ownerName}</span> : null}
      </span>
    ),
    title: v.name,
  });

  return (
    <Flex gap={4} align="center" data-testid="saved-views">
      <Select
        allowClear
        placeholder={t('views.pick')}
        value={current?.id}
        onChange={pick}
        loading={views.isLoading}
        style={{ width: 170 }}
        popupMatchSelectWidth={260}
        data-testid="saved-views-select"
        notFoundContent={t('views.none')}
        options={[
          ...(mine.length ? [{ label: t('views.mine'), options: mine.map(option) }] : []),
          ...(shared.length ? [{ label: t('views.shared'), options: shared.map(option) }] : []),
        ]}
      />
      <Tooltip title={t('views.save')}>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="saved-views-save" />
      </Tooltip>
      {current?.editable ? (
        <Popconfirm
          title={t('views.deleteConfirm', { name: current.name })}
          onConfirm={() => remove.mutate(current.id)}
        >
          <Button icon={<DeleteOutlined />} danger data-testid="saved-views-delete" />
        </Popconfirm>
      ) : null}
      <Modal
        open={saving}
        title={t('views.save')}
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'saved-views-confirm' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} className="dense-form">
          <Form.Item name="name" label={t('views.name')} rules={[{ required: true, max: 60 }]}>
            <Input autoFocus data-testid="saved-views-name" />
          </Form.Item>
          {can('users.read') ? (
            <Form.Item name="sharedRoleId" label={t('views.shareWith')} extra={t('views.shareHint')}>
              <Select
                allowClear
                placeholder={t('views.private')}
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Flex>
  );
}

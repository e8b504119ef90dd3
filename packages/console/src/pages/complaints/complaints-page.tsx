import {
  type ComplaintKind,
  type ComplaintState,
  type ComplaintSummary,
  complaintKinds,
  complaintStates,
  routes,
} from '@orderloop/contract';
import { Checkbox, Drawer, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { compact, useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';
import { ComplaintDetail } from './complaint-detail.tsx';
import { ComplaintKindTag, ComplaintStateTag, OverdueTag } from './complaint-tags.tsx';

const FILTERS = ['state', 'kind', 'storeId', 'assignee', 'overdue', 'orderId'] as const;

/**
 * The complaints list (filters in the URL, newest first, overdue marked) with the selected
 * complaint in a drawer at /complaints/:id, so a notification's link opens it directly.
 */
export function ComplaintsPage() {
  const { t, locale } = useI18n();
  const { me, storeName, timeZone } = useSession();
  const { id } = useParams();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const states = filters.state ? (filters.state.split(',') as ComplaintState[]) : [];
  const assigneeId = filters.assignee === 'me' ? me.user.id : filters.assignee || undefined;
  const list = usePagedQuery(['complaints', filters], (cursor) =>
    api.call(routes.listComplaints, {
      query: {
        ...compact({ storeId: filters.storeId, orderId: filters.orderId }),
        state: states.length ? states : undefined,
        kind: filters.kind ? [filters.kind as ComplaintKind] : undefined,
        assigneeId,
        overdue: filters.overdue === 'true' ? 'true' : undefined,
        cursor,
      },
    }),
  );
  const open = (complaintId: string | null) =>
    navigate({
      pathname: complaintId ? `/complaints/${complaintId}` : '/complaints',
      search: search.toString(),
    });

  const columns: TableColumnsType<ComplaintSummary> = [
    {
      title: t('complaints.col.order'),
      dataIndex: 'orderNumber',
      width: 160,
      render: (v: string, c) => (
        <Link to={`/orders/${c.orderId}`} className="mono" onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('complaints.col.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (v: ComplaintKind) => <ComplaintKindTag kind={v} />,
    },
    {
      title: t('complaints.col.state'),
      dataIndex: 'state',
      width: 150,
      render: (v: ComplaintState, c) => (
        <Flex gap={4}>
          <ComplaintStateTag state={v} />
          {c.overdue ? <OverdueTag /> : null}
        </Flex>
      ),
    },
    {
      title: t('complaints.col.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (v: string) => <Typography.Text title={v}>{v}</Typography.Text>,
    },
    {
      title: t('complaints.col.customer'),
      dataIndex: 'customerName',
      width: 120,
      render: (v: string | null) => v ?? t('common.none'),
    },
    // a single-store user knows which store it is
    ...(me.stores.length > 1
      ? [
          {
            title: t('complaints.filter.store'),
            dataIndex: 'storeId',
            width: 110,
            render: (v: string) => storeName(v) ?? t('common.none'),
          },
        ]
      : []),
    {
      title: t('complaints.col.assignee'),
      dataIndex: 'assigneeName',
      width: 110,
      render: (v: string | null) => v ?? <span className="muted">{t('complaints.unassigned')}</span>,
    },
    {
      title: t('complaints.col.due'),
      dataIndex: 'dueAt',
      width: 140,
      render: (v: string | null, c) =>
        v ? (
          <span className={c.overdue ? 'danger-text' : 'muted'}>{formatDateTime(v, locale, timeZone)}</span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('complaints.col.created'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => <span className="muted">{formatDateTime(v, locale, timeZone)}</span>,
    },
  ];

  return (
    <>
      <PageHeader title={t('complaints.title')} subtitle={t('complaints.subtitle')} />
      <div className="panel">
        <Flex className="toolbar" gap={12} align="center" wrap>
          <Select<ComplaintState[]>
            mode="multiple"
            allowClear
            placeholder={t('complaints.filter.state')}
            value={states}
            onChange={(v) => setFilters({ state: v.join(',') })}
            style={{ minWidth: 200 }}
            options={complaintStates.map((s) => ({ value: s, label: t(`complaints.state.${s}`) }))}
            data-testid="complaints-filter-state"
          />
          <Select<string>
            allowClear
            placeholder={t('complaints.filter.kind')}
            value={filters.kind || undefined}
            onChange={(v) => setFilters({ kind: v })}
            style={{ width: 130 }}
            options={complaintKinds.map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))}
          />
          {me.stores.length > 1 ? (
            <Select<string>
              allowClear
              placeholder={t('complaints.filter.store')}
              value={filters.storeId || undefined}
              onChange={(v) => setFilters({ storeId: v })}
              style={{ width: 160 }}
              options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          ) : null}
          <Select<string>
            allowClear
            placeholder={t('complaints.filter.assignee')}
            value={filters.assignee || undefined}
            onChange={(v) => setFilters({ assignee: v })}
            style={{ width: 140 }}
            options={[
              { value: 'me', label: t('complaints.filter.mine') },
              { value: 'none', label: t('complaints.filter.unassigned') },
            ]}
          />
          <Checkbox
            checked={filters.overdue === 'true'}
            onChange={(e) => setFilters({ overdue: e.target.checked ? 'true' : '' })}
            data-testid="complaints-filter-overdue"
          >
            {t('complaints.filter.overdue')}
          </Checkbox>
        </Flex>
        <div className="complaints-table">
          <PagedTable<ComplaintSummary>
            list={list}
            columns={columns}
            empty={t('complaints.empty')}
            testId="complaints-table"
            onRow={(c) => ({
              onClick: () => open(c.id),
              className: [c.overdue ? 'row-overdue' : '', c.id === id ? 'row-selected' : ''].join(' '),
              'data-complaint': c.id,
            })}
          />
        </div>
      </div>
      <Drawer
        open={!!id}
        width={620}
        title={t('complaints.detail')}
        onClose={() => open(null)}
        destroyOnHidden
        data-testid="complaint-drawer"
      >
        {id ? <ComplaintDetail id={id} /> : null}
      </Drawer>
    </>
  );
}

import { type ExceptionKind, exceptionKinds, type OrderException, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Flex, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { type Translate, useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLiveQueries } from '../../lib/live-events.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';

const kindColor: Record<ExceptionKind, string> = {
  overdue: 'orange',
  rejected: 'red',
  out_of_stock_at_submission: 'volcano',
  payment_mismatch: 'magenta',
  erp_push_failed: 'purple',
  notification_failed: 'geekblue',
  complaint_open: 'gold',
};

export function ageText(t: Translate, minutes: number) {
  if (minutes < 60) return t('exceptions.minutes', { n: minutes });
  if (minutes < 24 * 60) return t('exceptions.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return t('exceptions.days', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
}

function IncidentActions({ x }: { x: OrderException }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (status: 'acknowledged' | 'resolved') =>
      api.call(routes.updateIncident, { params: { id: x.incident!.id }, body: { status } }),
    onSuccess: () => {
      void message.success(t('exceptions.done'));
      void client.invalidateQueries({ queryKey: ['exceptions'] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.problem.detail : String(e)),
  });
  return (
    <Space size={4}>
      {x.incident!.status === 'open' ? (
        <Button size="small" loading={update.isPending} onClick={() => update.mutate('acknowledged')}>
          {t('exceptions.ack')}
        </Button>
      ) : (
        <Tag color="blue">{t('exceptions.acknowledged')}</Tag>
      )}
      <Button size="small" type="primary" ghost onClick={() => update.mutate('resolved')}>
        {t('exceptions.resolve')}
      </Button>
    </Space>
  );
}

/** Exceptions of every kind, newest first: filter by kind and store, one click to the order. */
export function ExceptionsPage() {
  const { t, locale } = useI18n();
  const { me, can, timeZone } = useSession();
  const [filters, setFilters] = useUrlFilters(['kind', 'store'] as const);
  const kind = (exceptionKinds as readonly string[]).includes(filters.kind)
    ? (filters.kind as ExceptionKind)
    : undefined;
  // every kind comes and goes with some event: raised, an order moving on, a complaint, a dead letter
  const poll = useLiveQueries(['exceptions'], (e) =>
    /^(exception|order|approval|complaint|delivery)\./.test(e.type),
  );
  const q = useQuery({
    queryKey: ['exceptions', kind ?? 'all', filters.store],
    queryFn: () =>
      api.call(routes.listExceptions, {
        query: {
          limit: 200,
          ...(kind ? { kind } : {}),
          ...(filters.store ? { storeId: filters.store } : {}),
        },
      }),
    refetchInterval: poll,
  });
  const counts = q.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  const columns: ColumnsType<OrderException> = [
    {
      title: t('exceptions.col.kind'),
      key: 'kind',
      width: 200,
      render: (_, x) => (
        <Space size={4} wrap>
          <Tag color={kindColor[x.kind]}>{t(`exceptions.kind.${x.kind}`)}</Tag>
          {x.severity === 'escalated' ? <Tag color="red">{t('exceptions.severity.escalated')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('exceptions.col.order'),
      key: 'order',
      width: 170,
      render: (_, x) =>
        x.order ? (
          <Link to={`/orders/${x.order.id}`} data-testid="exception-order-link">
            <Typography.Text strong>{x.order.number}</Typography.Text>
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('exceptions.noOrder')}</Typography.Text>
        ),
    },
    {
      title: t('exceptions.col.store'),
      key: 'store',
      width: 130,
      render: (_, x) => x.storeName ?? '—',
    },
    {
      title: t('exceptions.col.detail'),
      key: 'detail',
      render: (_, x) => (
        <Flex vertical gap={2}>
          {x.order ? <Typography.Text type="secondary">{x.order.stateName}</Typography.Text> : null}
          <Typography.Text>{x.detail}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('exceptions.col.age'),
      key: 'age',
      width: 130,
      render: (_, x) => (
        <Tooltip title={formatDateTime(x.since, locale, timeZone)}>
          <Typography.Text type={x.severity === 'escalated' ? 'danger' : undefined}>
            {x.lateMinutes !== null
              ? t('exceptions.late', { age: ageText(t, x.lateMinutes) })
              : ageText(t, x.ageMinutes)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('exceptions.col.owner'),
      key: 'owner',
      width: 200,
      render: (_, x) => (
        <Flex vertical gap={2}>
          {x.owner.name ? <Typography.Text>{x.owner.name}</Typography.Text> : null}
          {x.owner.roles.length ? (
            <Tooltip title={x.owner.roles.join(' · ')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.owner.roles.slice(0, 2).join(' · ')}
                {x.owner.roles.length > 2 ? ` +${x.owner.roles.length - 2}` : ''}
              </Typography.Text>
            </Tooltip>
          ) : null}
          {!x.owner.name && !x.owner.roles.length ? '—' : null}
        </Flex>
      ),
    },
    {
      title: t('exceptions.col.actions'),
      key: 'actions',
      width: 200,
      render: (_, x) => (x.incident && can('orders.transition') ? <IncidentActions x={x} /> : null),
    },
  ];

  const option = (k: ExceptionKind | '') => ({
    value: k,
    label: (
      <Space size={6}>
        {k ? t(`exceptions.kind.${k}`) : t('exceptions.all')}
        <Badge
          count={k ? (counts?.[k] ?? 0) : total}
          showZero
          color={k && counts?.[k] ? kindColor[k] : '#bfbfbf'}
          size="small"
        />
      </Space>
    ),
  });

  return (
    // data-live: whether the page follows the stream (open) or polls (its fallback)
    <Flex vertical gap={12} data-testid="exceptions-page" data-live={poll === false ? 'open' : 'polling'}>
      <PageHeader
        title={t('exceptions.title')}
        subtitle={t('exceptions.subtitle')}
        extra={
          me.stores.length > 1 ? (
            <Select
              allowClear
              placeholder={t('exceptions.store')}
              style={{ width: 200 }}
              value={filters.store || undefined}
              onChange={(v) => setFilters({ store: v })}
              options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
            />
          ) : null
        }
      />
      <Segmented
        value={kind ?? ''}
        onChange={(v) => setFilters({ kind: v as string })}
        options={[option(''), ...exceptionKinds.map(option)]}
      />
      {q.error ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<OrderException>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          columns={columns}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('exceptions.empty') }}
          rowClassName={(x) => (x.severity === 'escalated' ? 'exception-escalated' : '')}
        />
      )}
    </Flex>
  );
}

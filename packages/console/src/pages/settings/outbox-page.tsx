import { ReloadOutlined } from '@ant-design/icons';
import { type Delivery, deliveryStatuses, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Segmented, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { isMessageKey, useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedQuery } from '../../lib/use-paged-query.ts';
import { useUrlFilters } from '../../lib/use-url-state.ts';
import { useSession } from '../../session/session-context.tsx';

type Status = Delivery['status'];
const statusColor: Record<Status, string> = {
  pending: 'blue',
  delivered: 'green',
  skipped: 'default',
  dead: 'red',
};

/** The delivery log of the outbox; dead (and skipped) deliveries can be sent again. */
export function OutboxPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useUrlFilters(['status', 'channel'] as const);
  const status = (deliveryStatuses as readonly string[]).includes(filters.status)
    ? (filters.status as Status)
    : undefined;
  const list = usePagedQuery(['outbox', status, filters.channel], (cursor) =>
    api.call(routes.listDeliveries, { query: { status, channel: filters.channel || undefined, cursor } }),
  );
  const retry = useMutation({
    mutationFn: (id: string) => api.call(routes.retryDelivery, { params: { id } }),
    onSuccess: () => {
      message.success(t('outbox.retried'));
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
    onError: (err) => message.error(isApiError(err) ? err.problem.detail : String(err)),
  });
  const time = (v: string | null) => (v ? formatDateTime(v, locale, timeZone) : '—');

  const columns: TableColumnsType<Delivery> = [
    { title: t('outbox.created'), dataIndex: 'createdAt', width: 175, render: time },
    {
      title: t('outbox.channel'),
      dataIndex: 'channel',
      width: 130,
      // the channel's name in the reader's language; one the console does not know yet keeps its code
      render: (v: string) => (
        <Tag title={v}>{isMessageKey(`channel.${v}`) ? t(`channel.${v}` as MessageKey) : v}</Tag>
      ),
    },
    {
      title: t('outbox.event'),
      dataIndex: 'event',
      width: 150,
      render: (v: string | null) =>
        v && isMessageKey(`noticeEvent.${v}`) ? (
          <span title={v}>{t(`noticeEvent.${v}` as MessageKey)}</span>
        ) : (
          <span className="mono">{v ?? '—'}</span>
        ),
    },
    {
      title: t('outbox.order'),
      dataIndex: 'orderNumber',
      width: 150,
      render: (v: string | null, d) =>
        d.orderId ? <Link to={`/orders/${d.orderId}`}>{v ?? d.orderId.slice(-8)}</Link> : '—',
    },
    {
      title: t('outbox.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: Status) => <Tag color={statusColor[v]}>{t(`outbox.status.${v}`)}</Tag>,
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('outbox.lastError'),
      dataIndex: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger" ellipsis style={{ maxWidth: 300 }}>
              {v}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('outbox.next'),
      key: 'next',
      width: 160,
      render: (_, d) =>
        d.status === 'pending' ? time(d.nextAttemptAt) : d.status === 'delivered' ? time(d.deliveredAt) : '—',
    },
    {
      title: '',
      key: 'retry',
      width: 90,
      render: (_, d) =>
        d.status === 'dead' || d.status === 'skipped' ? (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={retry.isPending && retry.variables === d.id}
            onClick={() => retry.mutate(d.id)}
            data-testid="outbox-retry"
          >
            {t('outbox.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('outbox.title')} subtitle={t('outbox.subtitle')} />
      <div className="panel">
        <Flex className="toolbar" gap={12} align="center">
          <Segmented<string>
            value={status ?? ''}
            onChange={(v) => setFilters({ status: v })}
            data-testid="outbox-status"
            options={[
              { value: '', label: t('common.all') },
              ...deliveryStatuses.map((s) => ({ value: s, label: t(`outbox.status.${s}`) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('outbox.channelPlaceholder')}
            key={filters.channel}
            defaultValue={filters.channel}
            onSearch={(v) => setFilters({ channel: v.trim() })}
            style={{ width: 280 }}
          />
        </Flex>
        <PagedTable<Delivery> list={list} columns={columns} empty={t('outbox.empty')} testId="outbox-table" />
      </div>
    </>
  );
}

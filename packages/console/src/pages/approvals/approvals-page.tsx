import { type Approval, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLiveQueries } from '../../lib/live-events.ts';
import { formatMoney } from '../../lib/money.ts';
import { useSession } from '../../session/session-context.tsx';
import { ApprovalDetail } from './approval-detail.tsx';
import { type Decision, DecisionModal } from './decision-modal.tsx';
import { DelegationPanel } from './delegation-panel.tsx';

const typing = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

/**
 * What waits for me (and for those I stand in for): ↑↓ selects, A approves, R rejects, the
 * comment box sends on Enter — one decision in two keystrokes.
 */
export function ApprovalsPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [delegationOpen, setDelegationOpen] = useState(false);
  // new requests, decisions elsewhere, and orders moving past their approval
  const poll = useLiveQueries(
    ['approvals'],
    (e) => e.type.startsWith('approval.') || e.type.startsWith('order.'),
  );
  const inbox = useQuery({
    queryKey: ['approvals', 'inbox'],
    queryFn: () => api.call(routes.listApprovals),
    refetchInterval: poll,
  });
  const items = useMemo(() => (inbox.data?.items ?? []).filter((a) => a.canDecide), [inbox.data]);
  const selected = items.find((a) => a.id === selectedId) ?? items[0] ?? null;

  const decide = useMutation({
    mutationFn: (v: { approval: Approval; decision: Decision; comment?: string }) =>
      api.call(routes.decideApproval, {
        params: { id: v.approval.id },
        body: { decision: v.decision, ...(v.comment ? { comment: v.comment } : {}) },
      }),
    onSuccess: (_, v) => {
      void message.success(
        t(v.decision === 'approve' ? 'approvals.approved' : 'approvals.rejected', {
          number: v.approval.orderNumber,
        }),
      );
      // the next one in the list becomes the selection
      const i = items.findIndex((a) => a.id === v.approval.id);
      setSelectedId(items[i + 1]?.id ?? items[i - 1]?.id ?? null);
      setDeciding(null);
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['orders'] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.problem.detail : String(e)),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (deciding || delegationOpen || typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      const i = selected ? items.findIndex((a) => a.id === selected.id) : -1;
      if (e.key === 'ArrowDown' || e.key === 'j') {
        e.preventDefault();
        setSelectedId(items[Math.min(items.length - 1, i + 1)]?.id ?? null);
      } else if (e.key === 'ArrowUp' || e.key === 'k') {
        e.preventDefault();
        setSelectedId(items[Math.max(0, i - 1)]?.id ?? null);
      } else if (selected && (e.key === 'a' || e.key === 'A')) {
        e.preventDefault();
        setDeciding('approve');
      } else if (selected && (e.key === 'r' || e.key === 'R')) {
        e.preventDefault();
        setDeciding('reject');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selected, deciding, delegationOpen]);

  const columns: ColumnsType<Approval> = [
    {
      title: t('approvals.order'),
      key: 'order',
      width: 190,
      render: (_, a) => (
        <Space size={4} direction="vertical">
          <Typography.Text strong>{a.orderNumber}</Typography.Text>
          {a.delegatedFrom ? (
            <Tag color="purple">{t('approvals.for', { name: a.delegatedFrom.name })}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('approvals.rules'),
      key: 'rules',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.rules.map((r) => (
            <Tag key={r.key} color="orange">
              {r.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('approvals.total'),
      key: 'total',
      align: 'right',
      width: 140,
      render: (_, a) => formatMoney(a.orderTotal, a.currency, locale),
    },
    {
      title: t('approvals.step'),
      key: 'step',
      width: 80,
      render: (_, a) => `${a.step + 1}/${a.steps.length}`,
    },
    {
      title: t('approvals.waiting'),
      key: 'waiting',
      width: 180,
      render: (_, a) => formatDateTime(a.createdAt, locale, timeZone),
    },
  ];

  return (
    // data-live: whether the page follows the stream (open) or polls (its fallback)
    <Flex vertical gap={12} data-testid="approvals-page" data-live={poll === false ? 'open' : 'polling'}>
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        extra={<Button onClick={() => setDelegationOpen(true)}>{t('approvals.delegation')}</Button>}
      />
      {inbox.error ? (
        <QueryError error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : (
        <Flex gap={16} align="start">
          <Table<Approval>
            style={{ flex: 3, minWidth: 0 }}
            rowKey="id"
            size="middle"
            loading={inbox.isLoading}
            columns={columns}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('approvals.empty')} /> }}
            onRow={(a) => ({
              onClick: () => setSelectedId(a.id),
              'data-testid': `approval-row-${a.orderNumber}`,
              className: a.id === selected?.id ? 'ant-table-row-selected' : undefined,
              style: { cursor: 'pointer' },
            })}
          />
          <Card
            style={{ flex: 2, minWidth: 360 }}
            title={t('approvals.detail')}
            extra={
              selected ? <Link to={`/orders/${selected.orderId}`}>{t('approvals.openOrder')}</Link> : null
            }
          >
            {selected ? (
              <Flex vertical gap={12}>
                <ApprovalDetail approval={selected} />
                <Flex gap={8}>
                  <Button type="primary" onClick={() => setDeciding('approve')}>
                    {t('approvals.approve')}
                  </Button>
                  <Button danger onClick={() => setDeciding('reject')}>
                    {t('approvals.reject')}
                  </Button>
                </Flex>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('approvals.selectHint')}</Typography.Text>
            )}
          </Card>
        </Flex>
      )}
      {selected && deciding ? (
        <DecisionModal
          approval={selected}
          decision={deciding}
          busy={decide.isPending}
          onCancel={() => setDeciding(null)}
          onSubmit={(comment) => decide.mutate({ approval: selected, decision: deciding, comment })}
        />
      ) : null}
      <DelegationPanel open={delegationOpen} onClose={() => setDelegationOpen(false)} />
    </Flex>
  );
}

import { routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Segmented, Select, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../session/session-context.tsx';
import { BreakdownCard } from './breakdown-card.tsx';
import { FlowCard } from './flow-card.tsx';
import { count, money } from './report-format.ts';
import { TrendCard } from './trend-card.tsx';
import { addDays, useReportFilters } from './use-report-filters.ts';

export function ReportsPage() {
  const { t, locale } = useI18n();
  const { me, timeZone } = useSession();
  const { filters, granularity, dimension, storeId, today, set } = useReportFilters(timeZone);
  const overview = useQuery({
    queryKey: ['reports', 'overview', filters, granularity],
    queryFn: () => api.call(routes.reportOverview, { query: { ...filters, granularity } }),
    placeholderData: keepPreviousData,
  });
  const o = overview.data;
  const presets = [
    { label: t('reports.preset.7d'), from: addDays(today, -6) },
    { label: t('reports.preset.30d'), from: addDays(today, -29) },
    { label: t('reports.preset.90d'), from: addDays(today, -89) },
    { label: t('reports.preset.month'), from: `${today.slice(0, 8)}01` },
    { label: t('reports.preset.year'), from: `${today.slice(0, 5)}01-01` },
  ];
  const kpis = [
    { key: 'orders', title: t('reports.kpi.orders'), value: o ? count(o.totals.orders, locale) : '' },
    {
      key: 'revenue',
      title: t('reports.kpi.revenue'),
      value: o ? money(o.totals.revenue, o.currency, locale) : '',
    },
    {
      key: 'aov',
      title: t('reports.kpi.aov'),
      value: o ? money(o.totals.avgOrderValue, o.currency, locale) : '',
    },
    {
      key: 'cancelled',
      title: t('reports.kpi.cancelled'),
      value: o ? count(o.totals.cancelled, locale) : '',
    },
    {
      key: 'overdue',
      title: t('reports.kpi.overdue'),
      hint: t('reports.kpi.overdueHint'),
      value: o ? count(o.overdue, locale) : '',
      alert: !!o?.overdue,
    },
    {
      key: 'approvals',
      title: t('reports.kpi.pendingApprovals'),
      value: o ? count(o.pendingApprovals, locale) : '',
    },
  ];
  const exportQuery = { ...filters, granularity };

  return (
    <Flex vertical gap={16} data-testid="reports-page">
      <PageHeader
        title={t('reports.title')}
        subtitle={
          o?.refreshedAt
            ? `${t('reports.subtitle')} · ${t('reports.refreshedAt', { time: formatDateTime(o.refreshedAt, locale, timeZone) })}`
            : t('reports.subtitle')
        }
      />
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            aria-label={t('reports.range')}
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to)]}
            presets={presets.map((p) => ({ label: p.label, value: [dayjs(p.from), dayjs(today)] }))}
            onChange={(v) => {
              if (v?.[0] && v[1]) set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
            }}
            data-testid="reports-range"
          />
          <Select
            style={{ minWidth: 180 }}
            value={storeId ?? ''}
            onChange={(v) => set({ store: v || null })}
            options={[
              { value: '', label: t('reports.allStores') },
              ...me.stores.map((s) => ({ value: s.id, label: s.name })),
            ]}
            data-testid="reports-store"
          />
          <Segmented
            value={granularity}
            onChange={(v) => set({ g: v === 'day' ? null : String(v) })}
            options={(['day', 'week', 'month'] as const).map((g) => ({
              value: g,
              label: t(`reports.granularity.${g}`),
            }))}
          />
        </Flex>
      </Card>
      {overview.error ? <QueryError error={overview.error} onRetry={() => overview.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {kpis.map((k) => (
          <Col key={k.key} xs={12} md={8} xl={4}>
            <Card size="small" loading={!o} data-testid={`kpi-${k.key}`}>
              <Tooltip title={k.hint}>
                <Statistic
                  title={k.title}
                  value={k.value}
                  styles={{ content: { fontSize: 22, color: k.alert ? '#cf1322' : undefined } }}
                />
              </Tooltip>
            </Card>
          </Col>
        ))}
      </Row>
      <TrendCard overview={o} granularity={granularity} exportQuery={exportQuery} />
      <BreakdownCard
        filters={filters}
        dimension={dimension}
        onDimension={(d) => set({ dim: d === 'store' ? null : d })}
        exportQuery={exportQuery}
      />
      <FlowCard filters={filters} exportQuery={exportQuery} />
      {o?.complaints?.length ? (
        <Card size="small" title={t('reports.complaints')}>
          {o.complaints.map((c) => (
            <Typography.Paragraph key={c.kind}>
              {t(`complaints.kind.${c.kind}` as MessageKey)}: {count(c.count, locale)}
            </Typography.Paragraph>
          ))}
        </Card>
      ) : null}
    </Flex>
  );
}

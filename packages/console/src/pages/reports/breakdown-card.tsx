import { type ReportDimension, reportDimensions, routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Table, Tabs } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { toMajor } from '../../lib/money.ts';
import { type ChartOption, EChart } from './echart.tsx';
import { ExportMenu } from './export-menu.tsx';
import { count, money, percent } from './report-format.ts';

type Filters = { from: string; to: string; storeId?: string };

/** Orders and revenue by one dimension: the top ten as bars, every row in the table. */
export function BreakdownCard({
  filters,
  dimension,
  onDimension,
  exportQuery,
}: {
  filters: Filters;
  dimension: ReportDimension;
  onDimension: (d: ReportDimension) => void;
  exportQuery: Filters & { granularity: string };
}) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['reports', 'breakdown', filters, dimension],
    queryFn: () => api.call(routes.reportBreakdown, { query: { ...filters, dimension, limit: 100 } }),
    placeholderData: keepPreviousData,
  });
  const b = q.data?.dimension === dimension ? q.data : undefined;
  const lines = dimension === 'product' || dimension === 'category';
  const chart = useMemo<ChartOption | null>(() => {
    if (!b?.rows.length) return null;
    const top = b.rows.slice(0, 10).reverse();
    const major = (minor: number) => (b.currency ? toMajor(minor, b.currency) : minor / 100);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (params as { dataIndex: number }[])[0];
          const r = p ? top[p.dataIndex] : undefined;
          return r
            ? `${r.label}<br/>${t('reports.col.revenue')}: ${money(r.revenue, b.currency, locale)}<br/>${t('reports.col.orders')}: ${count(r.orders, locale)}`
            : '';
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        axisLabel: {
          formatter: (v: number) => new Intl.NumberFormat(locale, { notation: 'compact' }).format(v),
        },
      },
      yAxis: {
        type: 'category',
        data: top.map((r) => (r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label)),
      },
      series: [
        {
          type: 'bar',
          data: top.map((r) => major(r.revenue)),
          itemStyle: { color: '#4096ff' },
          barMaxWidth: 22,
        },
      ],
    } as ChartOption;
  }, [b, locale, t]);

  type Row = NonNullable<typeof b>['rows'][number];
  const columns = [
    { title: t(`reports.dim.${dimension}`), dataIndex: 'label', key: 'label', ellipsis: true },
    {
      title: t('reports.col.orders'),
      dataIndex: 'orders',
      key: 'orders',
      align: 'right' as const,
      render: (v: number) => count(v, locale),
    },
    ...(lines
      ? [
          {
            title: t('reports.col.quantity'),
            dataIndex: 'quantity',
            key: 'quantity',
            align: 'right' as const,
            render: (v: number | null) => (v === null ? '' : count(v, locale)),
          },
        ]
      : []),
    {
      title: t('reports.col.revenue'),
      dataIndex: 'revenue',
      key: 'revenue',
      align: 'right' as const,
      render: (v: number) => money(v, b?.currency ?? null, locale),
    },
    {
      title: t('reports.col.share'),
      dataIndex: 'share',
      key: 'share',
      align: 'right' as const,
      width: 90,
      render: (v: number) => percent(v, locale),
    },
  ];

  return (
    <Card
      size="small"
      title={t('reports.breakdown')}
      extra={<ExportMenu report={dimension} query={exportQuery} />}
      data-testid="reports-breakdown"
    >
      <Tabs
        size="small"
        activeKey={dimension}
        onChange={(k) => onDimension(k as ReportDimension)}
        items={reportDimensions.map((d) => ({ key: d, label: t(`reports.dim.${d}`) }))}
      />
      {q.error ? <QueryError error={q.error} onRetry={() => q.refetch()} /> : null}
      {b && !b.rows.length ? (
        <Empty description={t('reports.empty')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            {chart ? <EChart option={chart} height={320} label={t('reports.breakdown')} /> : null}
          </Col>
          <Col xs={24} xl={14}>
            <Table<Row>
              size="small"
              rowKey={(r) => r.key ?? '-'}
              loading={!b}
              dataSource={b?.rows ?? []}
              columns={columns}
              pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

import type { ReportGranularity, ReportOverview } from '@orderloop/contract';
import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { toMajor } from '../../lib/money.ts';
import { type ChartOption, EChart } from './echart.tsx';
import { ExportMenu } from './export-menu.tsx';
import { count, money, periodLabel } from './report-format.ts';

type ExportQuery = { from: string; to: string; storeId?: string; granularity: string };

// shades per state category (open blue, in progress orange, done green…), one shade per state
const CATEGORY_COLOURS: Record<string, string[]> = {
  draft: ['#bfbfbf', '#d9d9d9'],
  open: ['#1677ff', '#69b1ff', '#0958d9', '#bae0ff'],
  in_progress: ['#fa8c16', '#ffc069', '#d46b08', '#ffe7ba'],
  done: ['#52c41a', '#95de64', '#389e0d'],
  cancelled: ['#ff4d4f', '#ff9c9e', '#cf1322'],
};

/** The series (orders as bars, revenue as a line on its own axis) and the state distribution. */
export function TrendCard({
  overview,
  granularity,
  exportQuery,
}: {
  overview: ReportOverview | undefined;
  granularity: ReportGranularity;
  exportQuery: ExportQuery;
}) {
  const { t, locale } = useI18n();
  const trend = useMemo<ChartOption | null>(() => {
    if (!overview) return null;
    const currency = overview.currency;
    const major = (minor: number) => (currency ? toMajor(minor, currency) : minor / 100);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const ps = params as {
            axisValue: string;
            marker: string;
            seriesName: string;
            dataIndex: number;
            seriesIndex: number;
          }[];
          const p = overview.series[ps[0]?.dataIndex ?? 0];
          if (!p) return '';
          return [
            ps[0]!.axisValue,
            ...ps.map(
              (x) =>
                `${x.marker}${x.seriesName}: ${x.seriesIndex === 1 ? money(p.revenue, currency, locale) : count(p.orders, locale)}`,
            ),
          ].join('<br/>');
        },
      },
      legend: { data: [t('reports.kpi.orders'), t('reports.kpi.revenue')], top: 0 },
      grid: { left: 48, right: 72, top: 36, bottom: 28 },
      xAxis: {
        type: 'category',
        data: overview.series.map((p) => periodLabel(p.period, granularity, locale)),
        axisTick: { alignWithLabel: true },
      },
      yAxis: [
        { type: 'value', name: t('reports.kpi.orders'), minInterval: 1 },
        {
          type: 'value',
          name: t('reports.kpi.revenue'),
          axisLabel: {
            formatter: (v: number) => new Intl.NumberFormat(locale, { notation: 'compact' }).format(v),
          },
        },
      ],
      series: [
        {
          name: t('reports.kpi.orders'),
          type: 'bar',
          data: overview.series.map((p) => p.orders),
          itemStyle: { color: '#91caff' },
          barMaxWidth: 28,
        },
        {
          name: t('reports.kpi.revenue'),
          type: 'line',
          yAxisIndex: 1,
          smooth: false,
          showSymbol: overview.series.length <= 31,
          data: overview.series.map((p) => major(p.revenue)),
          itemStyle: { color: '#1677ff' },
        },
      ],
    } as ChartOption;
  }, [overview, granularity, locale, t]);
  const states = useMemo<ChartOption | null>(() => {
    if (!overview) return null;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['38%', '50%'],
          label: { show: false },
          data: overview.states.map((s, i) => {
            const shades = CATEGORY_COLOURS[s.category] ?? ['#8c8c8c'];
            const nth = overview.states.slice(0, i).filter((x) => x.category === s.category).length;
            return {
              name: `${s.name} ${count(s.orders, locale)}`,
              value: s.orders,
              itemStyle: { color: shades[nth % shades.length] },
            };
          }),
        },
      ],
    } as ChartOption;
  }, [overview, locale]);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={16}>
        <Card
          size="small"
          title={t('reports.trend')}
          loading={!overview}
          extra={<ExportMenu report="series" query={exportQuery} />}
        >
          {trend ? <EChart option={trend} height={300} label={t('reports.trend')} /> : null}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card
          size="small"
          title={t('reports.states')}
          loading={!overview}
          extra={<ExportMenu report="states" query={exportQuery} />}
        >
          {overview && !overview.states.length ? (
            <Empty description={t('reports.empty')} style={{ height: 268 }} />
          ) : states ? (
            <EChart option={states} height={300} label={t('reports.statesHint')} />
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}

import { routes } from '@orderloop/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type ChartOption, EChart } from './echart.tsx';
import { ExportMenu } from './export-menu.tsx';
import { count, duration } from './report-format.ts';

type Filters = { from: string; to: string; storeId?: string };

/** Average time in each state (finished stays) and the approval turnaround. */
export function FlowCard({
  filters,
  exportQuery,
}: {
  filters: Filters;
  exportQuery: Filters & { granularity: string };
}) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['reports', 'flow', filters],
    queryFn: () => api.call(routes.reportFlow, { query: filters }),
    placeholderData: keepPreviousData,
  });
  const f = q.data;
  const chart = useMemo<ChartOption | null>(() => {
    if (!f?.stateTimes.length) return null;
    const rows = [...f.stateTimes].sort((a, b) => a.avgSeconds - b.avgSeconds);
    // minutes for short stays (a kitchen), hours for long ones (a factory)
    const longest = rows.at(-1)?.avgSeconds ?? 0;
    const unit = longest < 7200 ? { s: 60, name: 'min' } : { s: 3600, name: 'h' };
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (params as { dataIndex: number }[])[0];
          const r = p ? rows[p.dataIndex] : undefined;
          return r ? `${r.name}<br/>${duration(r.avgSeconds, t)} · ${count(r.stays, locale)}` : '';
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: unit.name },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => Math.round((r.avgSeconds / unit.s) * 10) / 10),
          itemStyle: { color: '#fa8c16' },
          barMaxWidth: 22,
        },
      ],
    } as ChartOption;
  }, [f, locale, t]);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={16}>
        <Card
          size="small"
          title={t('reports.flow')}
          loading={!f && !q.error}
          extra={<ExportMenu report="flow" query={exportQuery} />}
        >
          {q.error ? <QueryError error={q.error} onRetry={() => q.refetch()} /> : null}
          {f && !f.stateTimes.length ? <Empty description={t('reports.empty')} /> : null}
          {chart ? (
            <Row gutter={16}>
              <Col xs={24} xl={12}>
                <EChart option={chart} height={260} label={t('reports.flow')} />
              </Col>
              <Col xs={24} xl={12}>
                <Table
                  size="small"
                  rowKey="state"
                  pagination={false}
                  dataSource={f?.stateTimes ?? []}
                  columns={[
                    { title: t('reports.col.state'), dataIndex: 'name', key: 'name' },
                    {
                      title: t('reports.col.stays'),
                      dataIndex: 'stays',
                      key: 'stays',
                      align: 'right',
                      render: (v: number) => count(v, locale),
                    },
                    {
                      title: t('reports.col.avgTime'),
                      dataIndex: 'avgSeconds',
                      key: 'avg',
                      align: 'right',
                      render: (v: number) => duration(v, t),
                    },
                  ]}
                />
              </Col>
            </Row>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('reports.approvals')} loading={!f && !q.error}>
          {f ? (
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'avg',
                  label: t('reports.approvals.avg'),
                  children: duration(f.approvals.avgSeconds, t),
                },
                {
                  key: 'decided',
                  label: t('reports.approvals.decided'),
                  children: count(f.approvals.decided, locale),
                },
                {
                  key: 'approved',
                  label: t('reports.approvals.approved'),
                  children: count(f.approvals.approved, locale),
                },
                {
                  key: 'rejected',
                  label: t('reports.approvals.rejected'),
                  children: count(f.approvals.rejected, locale),
                },
                {
                  key: 'pending',
                  label: t('reports.approvals.pending'),
                  children: count(f.approvals.pending, locale),
                },
              ]}
            />
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}

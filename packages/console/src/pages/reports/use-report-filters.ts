import type { ReportDimension, ReportGranularity } from '@orderloop/contract';
import { reportDimensions, reportGranularities } from '@orderloop/contract';
import { useUrlFilters } from '../../lib/use-url-state.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today as YYYY-MM-DD in a time zone (the working store's; the browser's without one). */
export function localToday(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The reports' filters, all in the URL (shareable): range, store, granularity, breakdown tab. */
export function useReportFilters(timeZone?: string) {
  const [v, set] = useUrlFilters(['from', 'to', 'store', 'g', 'dim'] as const);
  const today = localToday(timeZone);
  const to = DAY.test(v.to) ? v.to : today;
  const from = DAY.test(v.from) && v.from <= to ? v.from : addDays(to, -29);
  const granularity = (reportGranularities as readonly string[]).includes(v.g)
    ? (v.g as ReportGranularity)
    : 'day';
  const dimension = (reportDimensions as readonly string[]).includes(v.dim)
    ? (v.dim as ReportDimension)
    : 'store';
  return {
    today,
    filters: { from, to, ...(v.store ? { storeId: v.store } : {}) },
    granularity,
    dimension,
    storeId: v.store || undefined,
    set,
  };
}

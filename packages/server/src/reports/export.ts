import { type ReportExport, type reportExportQuery, spreadsheetTypes } from '@orderloop/contract';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../http/context.ts';
import { sendDownload } from '../http/download.ts';
import { writeCsv, writeXlsx, type XlsxColumn } from '../spreadsheets/index.ts';
import { dimensionHeaders, headers as h, reportFileLabels } from './labels.ts';
import { reportBreakdown, reportFlow, reportOverview } from './service.ts';

/** Decimal places of a currency's major unit (CNY 2, JPY 0); 2 when the currencies in view differ. */
export function fractionDigits(currency: string | null): number {
  if (!currency) return 2;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

type Sheet = { headers: string[]; rows: unknown[][]; money: number[] };

async function sheetOf(
  ctx: Ctx,
  q: z.output<typeof reportExportQuery>,
): Promise<Sheet & { currency: string | null }> {
  const L = ctx.locale;
  const report: ReportExport = q.report;
  if (report === 'series' || report === 'states') {
    const o = await reportOverview(ctx, q);
    if (report === 'series')
      return {
        currency: o.currency,
        headers: [h.period[L], h.orders[L], h.revenue[L], h.cancelled[L]],
        rows: o.series.map((p) => [p.period, p.orders, p.revenue, p.cancelled]),
        money: [2],
      };
    return {
      currency: o.currency,
      headers: [h.state[L], h.key[L], h.orders[L]],
      rows: o.states.map((s) => [s.name, s.state, s.orders]),
      money: [],
    };
  }
  if (report === 'flow') {
    const f = await reportFlow(ctx, q);
    return {
      currency: null,
      headers: [h.state[L], h.key[L], h.stays[L], h.avgHours[L]],
      rows: f.stateTimes.map((s) => [s.name, s.state, s.stays, Math.round(s.avgSeconds / 36) / 100]),
      money: [],
    };
  }
  const b = await reportBreakdown(ctx, { ...q, dimension: report, limit: 500 });
  const lines = report === 'product' || report === 'category';
  return {
    currency: b.currency,
    headers: [
      dimensionHeaders[report][L],
      h.orders[L],
      ...(lines ? [h.quantity[L]] : []),
      h.revenue[L],
      h.share[L],
    ],
    rows: b.rows.map((r) => [
      r.label,
      r.orders,
      ...(lines ? [r.quantity] : []),
      r.revenue,
      Math.round(r.share * 10000) / 10000,
    ]),
    money: [lines ? 3 : 2],
  };
}

/**
 * One report as CSV or XLSX: the same figures as the JSON routes (same scope and filters), money
 * in major units of the currency (a number in XLSX, a fixed-decimals string in CSV).
 */
export async function exportReport(ctx: Ctx, q: z.output<typeof reportExportQuery>, reply: FastifyReply) {
  const sheet = await sheetOf(ctx, q); // access and filters are checked before the first byte
  const digits = fractionDigits(sheet.currency);
  const xlsx = q.format === 'xlsx';
  const rows = sheet.rows.map((row) =>
    row.map((v, i) => {
      if (!sheet.money.includes(i) || typeof v !== 'number') return v;
      const major = v / 10 ** digits;
      return xlsx ? major : major.toFixed(digits);
    }),
  );
  const headers = sheet.currency
    ? sheet.headers.map((x, i) => (sheet.money.includes(i) ? `${x} (${sheet.currency})` : x))
    : sheet.headers;
  const label = reportFileLabels[q.report];
  const ext = xlsx ? 'xlsx' : 'csv';
  const span = `${q.from.replaceAll('-', '')}-${q.to.replaceAll('-', '')}`;
  return sendDownload(reply, {
    contentType: xlsx ? spreadsheetTypes.xlsx : `${spreadsheetTypes.csv}; charset=utf-8`,
    filename: `${label[ctx.locale]}-${span}.${ext}`,
    asciiFilename: `${label.en}-${span}.${ext}`,
    write: (out) => {
      if (!xlsx) return writeCsv(out, headers, rows);
      const columns: XlsxColumn[] = headers.map((_, i) =>
        sheet.money.includes(i)
          ? { width: 16, numFmt: digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0' }
          : { width: i ? 14 : 24 },
      );
      return writeXlsx(out, { name: label[ctx.locale].slice(0, 31), headers, columns }, rows);
    },
  });
}

import { type ApiClient, type Download, routes } from '@orderloop/contract';

// Sending and receiving catalog files through the typed client, shared by the import/export tests.
export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const bytes = async (d: Download) => Buffer.from(await d.data.arrayBuffer());

/** A CSV as Excel writes it: CRLF, quoted where needed. */
export const csvOf = (rows: string[][]) =>
  Buffer.from(
    `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n')}\r\n`,
  );

export const upload = (
  client: ApiClient,
  data: Buffer,
  opts: { dryRun?: boolean; type?: string; lang?: string } = {},
) =>
  client.call(routes.importCatalog, {
    query: { dryRun: opts.dryRun ? 'true' : 'false' },
    file: { data, contentType: (opts.type ?? CSV) as typeof CSV },
    headers: opts.lang ? { 'accept-language': opts.lang } : {},
  });

export const exportAs = (client: ApiClient, format: 'csv' | 'xlsx', lang = 'zh-CN') =>
  client.call(routes.exportCatalog, { query: { format }, headers: { 'accept-language': lang } });

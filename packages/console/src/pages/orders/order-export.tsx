import { DownloadOutlined } from '@ant-design/icons';
import { type Download, type ExportColumn, type RouteInput, routes } from '@orderloop/contract';
import { App, Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';

type ListQuery = NonNullable<RouteInput<typeof routes.listOrders>['query']>;
type Format = 'csv' | 'xlsx';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function save({ data, filename }: Download, fallback: string) {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallback;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports what the list shows: the current filter and sort, the visible columns. Up to the server's
 * direct limit the file streams at once; past it (422 EXPORT_TOO_LARGE) an export job runs and its
 * file is fetched when done.
 */
export function ExportButton({ query, columns }: { query: ListQuery; columns: ExportColumn[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can('exports.run')) return null;

  const run = async (format: Format) => {
    setBusy(true);
    const { sort, ...filter } = query;
    const fallback = `orders.${format}`;
    try {
      try {
        save(
          await api.call(routes.exportOrders, { query: { ...query, format, columns } as never }),
          fallback,
        );
      } catch (err) {
        if (!isApiError(err) || err.code !== 'EXPORT_TOO_LARGE') throw err;
        message.info(t('export.job'));
        let job = await api.call(routes.createOrderExport, {
          body: { filter: filter as never, sort, format, columns },
        });
        while (job.status === 'queued' || job.status === 'running') {
          await sleep(1500);
          job = await api.call(routes.getOrderExport, { params: { id: job.id } });
        }
        if (job.status !== 'done') throw new Error(job.error ?? job.status);
        save(await api.call(routes.downloadOrderExport, { params: { id: job.id } }), fallback);
      }
    } catch (err) {
      message.error(isApiError(err) ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('export.xlsx'), onClick: () => void run('xlsx') },
          { key: 'csv', label: t('export.csv'), onClick: () => void run('csv') },
        ],
      }}
    >
      <Tooltip title={t('export.button')} placement="left">
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          aria-label={t('export.button')}
          data-testid="orders-export"
        />
      </Tooltip>
    </Dropdown>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { type ReportExport, routes } from '@orderloop/contract';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

type Query = { from: string; to: string; storeId?: string; granularity: string };

/** Saves a Blob under its server-given name. */
function save(data: Blob, filename: string) {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSV / XLSX of one report, with the page's filters; headers come back in the UI language. */
export function ExportMenu({ report, query }: { report: ReportExport; query: Query }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const file = await api.call(routes.exportReport, { query: { ...query, report, format } as never });
      save(file.data, file.filename ?? `${report}.${format}`);
    } catch {
      message.error(t('reports.exportFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t('reports.exportCsv') },
          { key: 'xlsx', label: t('reports.exportXlsx') },
        ],
        onClick: ({ key }) => void run(key as 'csv' | 'xlsx'),
      }}
    >
      <Button size="small" icon={<DownloadOutlined />} loading={busy} data-testid={`export-${report}`}>
        {t('reports.export')}
      </Button>
    </Dropdown>
  );
}

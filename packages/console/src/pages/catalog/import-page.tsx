import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { type CatalogImportResult, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Result,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ExportButton, saveBlob } from './catalog-page.tsx';

type Cell = { row: number; column: string; value: string; message: string };
type Outcome =
  | { kind: 'ok'; result: CatalogImportResult }
  | { kind: 'cells'; cells: Cell[]; detail: string }
  | { kind: 'error'; detail: string };

const cellsOf = (err: unknown): Cell[] | null => {
  if (!isApiError(err)) return null;
  const cells = err.problem.meta?.cells;
  return Array.isArray(cells) ? (cells as Cell[]) : null;
};

const csvCell = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;

/** Upload a catalog spreadsheet, check it (dry run), read the cell-by-cell report, then import. */
export function ImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [column, setColumn] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api.call(routes.importCatalog, {
        query: { dryRun: dryRun ? 'true' : 'false' },
        // the server judges the type by content; the octet-stream type leaves that to it
        file: { data: file!, contentType: 'application/octet-stream' },
      }),
    onSuccess: (result) => {
      setOutcome({ kind: 'ok', result });
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: ['catalog'] });
    },
    onError: (err) => {
      const cells = cellsOf(err);
      const detail = isApiError(err) ? err.problem.detail : String(err);
      setColumn(null);
      setOutcome(cells ? { kind: 'cells', cells, detail } : { kind: 'error', detail });
    },
  });

  const cells = outcome?.kind === 'cells' ? outcome.cells : [];
  const columnsInError = [...new Set(cells.map((c) => c.column))];
  const shown = column ? cells.filter((c) => c.column === column) : cells;
  const reportColumns: TableColumnsType<Cell> = [
    { title: t('import.row'), dataIndex: 'row', width: 80, align: 'right', sorter: (a, b) => a.row - b.row },
    {
      title: t('import.column'),
      dataIndex: 'column',
      width: 160,
      render: (v: string) => <Tag color="orange">{v}</Tag>,
    },
    {
      title: t('import.value'),
      dataIndex: 'value',
      width: 220,
      render: (v: string) =>
        v ? <span className="mono">{v}</span> : <span className="muted">{t('import.blank')}</span>,
    },
    { title: t('import.problem'), dataIndex: 'message' },
  ];

  const downloadReport = () => {
    const lines = [
      [t('import.row'), t('import.column'), t('import.value'), t('import.problem')],
      ...cells.map((c) => [c.row, c.column, c.value, c.message]),
    ];
    const text = `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
    saveBlob(new Blob([text], { type: 'text/csv' }), `import-errors-${file?.name ?? 'catalog'}.csv`);
  };

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} extra={<ExportButton />} />
      <div className="panel" style={{ marginBottom: 12 }}>
        <div data-testid="import-file">
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setOutcome(null);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.hint')}</p>
          </Upload.Dragger>
        </div>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button
            disabled={!file}
            loading={run.isPending && run.variables === true}
            onClick={() => run.mutate(true)}
            data-testid="import-check"
          >
            {t('import.check')}
          </Button>
          <Button
            type="primary"
            disabled={!file}
            loading={run.isPending && run.variables === false}
            onClick={() => run.mutate(false)}
            data-testid="import-run"
          >
            {t('import.run')}
          </Button>
        </Flex>
      </div>
      {outcome?.kind === 'error' ? (
        <Alert type="error" showIcon message={outcome.detail} data-testid="import-error" />
      ) : null}
      {outcome?.kind === 'cells' ? (
        <div className="panel" data-testid="import-report">
          <Alert
            type="error"
            showIcon
            message={t('import.cellsTitle', { count: cells.length })}
            description={t('import.cellsHint')}
            style={{ marginBottom: 10 }}
          />
          <Flex className="toolbar" gap={8} align="center" wrap>
            <span className="muted">{t('import.byColumn')}</span>
            <Select
              allowClear
              value={column}
              onChange={(v) => setColumn(v ?? null)}
              placeholder={t('common.all')}
              style={{ width: 200 }}
              options={columnsInError.map((c) => ({
                value: c,
                label: `${c} (${cells.filter((x) => x.column === c).length})`,
              }))}
            />
            <Button size="small" onClick={downloadReport}>
              {t('import.downloadReport')}
            </Button>
          </Flex>
          <Table<Cell>
            size="small"
            rowKey={(c) => `${c.row}:${c.column}`}
            columns={reportColumns}
            dataSource={shown}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          />
        </div>
      ) : null}
      {outcome?.kind === 'ok' ? <ImportSummary result={outcome.result} /> : null}
    </>
  );
}

function ImportSummary({ result }: { result: CatalogImportResult }) {
  const { t } = useI18n();
  const counts = (c: CatalogImportResult['products']) => t('import.counts', c);
  return (
    <div className="panel" data-testid="import-summary">
      <Result
        status={result.dryRun ? 'info' : 'success'}
        icon={result.dryRun ? <CheckCircleOutlined /> : undefined}
        title={
          result.dryRun
            ? t('import.checkedOk', { rows: result.rows })
            : t('import.done', { rows: result.rows })
        }
        subTitle={
          result.dryRun ? t('import.nothingWritten') : <Link to="/catalog">{t('import.toCatalog')}</Link>
        }
        style={{ padding: '16px 0' }}
      />
      <Descriptions size="small" bordered column={1} style={{ maxWidth: 720, margin: '0 auto' }}>
        <Descriptions.Item label={t('import.products')}>{counts(result.products)}</Descriptions.Item>
        <Descriptions.Item label={t('import.skus')}>{counts(result.skus)}</Descriptions.Item>
        <Descriptions.Item label={t('import.newCategories')}>
          {result.categories.names.length ? result.categories.names.map((n) => <Tag key={n}>{n}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      {result.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ maxWidth: 720, margin: '12px auto 0' }}
          message={t('import.warnings')}
          description={result.warnings.map((w) => (
            <Typography.Paragraph key={`${w.row}:${w.column}`} style={{ margin: 0 }}>
              {w.column}: {w.message}
            </Typography.Paragraph>
          ))}
        />
      ) : null}
    </div>
  );
}

import { FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { type Order, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Typography, Upload } from 'antd';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/** The order's photos and files: thumbnails from the server, the original on click, upload if allowed. */
export function OrderAttachments({ order }: { order: Order }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['order', order.id, 'attachments'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.call(routes.listOrderAttachments, { params: { id: order.id } }),
  });
  const upload = useMutation({
    mutationFn: (file: File) =>
      api.call(routes.uploadOrderAttachment, {
        params: { id: order.id },
        file: { data: file, filename: file.name, contentType: file.type || undefined },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
    onError: (err) => message.error(isApiError(err) ? err.problem.detail : String(err)),
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={`${t('attachments.title')}${items.length ? ` · ${items.length}` : ''}`}
      data-testid="order-attachments"
      extra={
        can('orders.attach') ? (
          <Upload
            showUploadList={false}
            multiple
            customRequest={({ file, onSuccess, onError }) =>
              upload.mutateAsync(file as File).then(
                () => onSuccess?.(null),
                (e: Error) => onError?.(e),
              )
            }
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('attachments.add')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {items.length ? (
        <Flex wrap gap={8}>
          {items.map((a) => (
            <a
              key={a.id}
              href={`/api/attachments/${a.id}/file`}
              target="_blank"
              rel="noreferrer"
              className="attachment-tile"
              title={`${a.name} · ${size(a.byteSize)}`}
              data-testid="attachment"
            >
              {a.hasThumbnail ? (
                <img src={`/api/attachments/${a.id}/thumbnail`} alt={a.name} loading="lazy" />
              ) : (
                <span className="attachment-icon">
                  {a.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />}
                </span>
              )}
              <span className="attachment-name">{a.name}</span>
            </a>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>
      )}
    </Card>
  );
}

import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { type Product, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Popconfirm, Upload } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { problemText } from './catalog-data.ts';

/** A product's pictures (thumbnails from the server) with upload and remove for catalog writers. */
export function ProductImages({ product }: { product: Product }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['catalog', 'product', product.id, 'attachments'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.call(routes.listProductAttachments, { params: { id: product.id } }),
  });
  const upload = useMutation({
    mutationFn: (file: File) =>
      api.call(routes.uploadProductAttachment, {
        params: { id: product.id },
        file: { data: file, filename: file.name, contentType: file.type || undefined },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      message.success(t('catalog.imageUploaded'));
    },
    onError: (err) => message.error(problemText(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.call(routes.deleteAttachment, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
    onError: (err) => message.error(problemText(err)),
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('catalog.images')}
      loading={list.isLoading}
      data-testid="product-images"
      extra={
        can('catalog.write') ? (
          <Upload
            showUploadList={false}
            accept="image/*,application/pdf"
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid="image-upload"
            >
              {t('catalog.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {items.length ? (
        <Flex wrap gap={8}>
          {items.map((a) => (
            <div key={a.id} className="thumb" data-testid="product-image">
              <a href={`/api/attachments/${a.id}/file`} target="_blank" rel="noreferrer" title={a.name}>
                {a.hasThumbnail ? (
                  <img src={`/api/attachments/${a.id}/thumbnail`} alt={a.name} />
                ) : (
                  <FileOutlined style={{ fontSize: 32, color: '#8a8f98' }} />
                )}
              </a>
              {can('catalog.write') ? (
                <Popconfirm title={t('catalog.removeImage')} onConfirm={() => remove.mutate(a.id)}>
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    className="thumb-remove"
                  />
                </Popconfirm>
              ) : null}
            </div>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.noImages')} />
      )}
    </Card>
  );
}

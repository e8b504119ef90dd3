import { ArrowLeftOutlined } from '@ant-design/icons';
import { type Product, routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useSession } from '../../session/session-context.tsx';
import { categoryOptions, problemText, useCategories, useCurrency } from './catalog-data.ts';
import { emptyProduct, type ProductForm, toBody, toForm } from './product-form.ts';
import { ProductImages } from './product-images.tsx';
import { OptionGroupsEditor } from './product-options-editor.tsx';
import { SkusEditor } from './product-skus-editor.tsx';
import { SoldOutPanel } from './sold-out-panel.tsx';

const formFields = /^(name|categoryId|description|unit|tags|active|sort|optionGroups|skus)(\.|$)/;

export function ProductPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const q = useQuery({
    queryKey: ['catalog', 'product', id],
    queryFn: () => api.call(routes.getProduct, { params: { id } }),
    enabled: !isNew,
  });
  if (!isNew && q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!isNew && !q.data) return <Spin style={{ margin: 80 }} />;
  return <ProductEditor key={id} product={isNew ? null : (q.data ?? null)} />;
}

function ProductEditor({ product }: { product: Product | null }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const currency = useCurrency();
  const categories = useCategories();
  const [form] = Form.useForm<ProductForm>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const canWrite = can('catalog.write');

  useEffect(() => {
    form.setFieldsValue(product ? toForm(product, currency) : emptyProduct);
  }, [form, product, currency]);

  const save = useMutation({
    mutationFn: (v: ProductForm) =>
      product
        ? api.call(routes.updateProduct, { params: { id: product.id }, body: toBody(v, currency) })
        : api.call(routes.createProduct, { body: toBody(v, currency) }),
    onSuccess: (saved) => {
      setUnplaced([]);
      queryClient.setQueryData(['catalog', 'product', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
      message.success(t('catalog.saved'));
      if (!product) navigate(`/catalog/products/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      setUnplaced(applyFieldErrors(form, err, (p) => formFields.test(p)));
      message.error(problemText(err));
    },
  });

  return (
    <>
      <PageHeader
        title={product ? product.name : t('catalog.newProduct')}
        subtitle={t('catalog.productSubtitle')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              {t('catalog.back')}
            </Button>
            {canWrite ? (
              <Button
                type="primary"
                onClick={() => form.submit()}
                loading={save.isPending}
                data-testid="product-save"
              >
                {t('catalog.save')}
              </Button>
            ) : null}
          </>
        }
      />
      {unplaced.length ? (
        <Alert type="error" showIcon message={unplaced.join('; ')} style={{ marginBottom: 12 }} />
      ) : null}
      <Row gutter={12}>
        <Col span={17}>
          <Form<ProductForm>
            form={form}
            layout="vertical"
            disabled={!canWrite}
            onFinish={(v) => save.mutate(v)}
            initialValues={emptyProduct}
            data-testid="product-form"
          >
            <Card size="small" title={t('catalog.basics')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item
                    name="name"
                    label={t('catalog.productName')}
                    rules={[{ required: true, max: 120 }]}
                  >
                    <Input data-testid="product-name" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="categoryId" label={t('catalog.category')}>
                    <Select
                      allowClear
                      options={categoryOptions(categories.data)}
                      showSearch
                      optionFilterProp="label"
                    />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name="unit" label={t('catalog.unit')} rules={[{ required: true, max: 10 }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name="sort" label={t('catalog.sort')}>
                    <InputNumber min={0} max={100000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={14}>
                  <Form.Item name="description" label={t('catalog.description')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name="tags" label={t('catalog.tags')}>
                    <Select mode="tags" tokenSeparators={[',', '，']} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name="active" label={t('catalog.onSale')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title={t('catalog.optionGroups')} style={{ marginBottom: 12 }}>
              <OptionGroupsEditor />
            </Card>
            <Card size="small" title={t('catalog.skusAndPrices', { currency })}>
              <SkusEditor form={form} product={product} />
            </Card>
          </Form>
        </Col>
        <Col span={7}>
          {product ? (
            <>
              <SoldOutPanel product={product} />
              <ProductImages product={product} />
            </>
          ) : (
            <Card size="small">
              <span className="muted">{t('catalog.saveFirst')}</span>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

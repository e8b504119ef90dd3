import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, InputNumber, Modal, Select, Spin, Switch, Tooltip } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type Category, categoriesKey, problemText, useCategories } from './catalog-data.ts';

type Editing = { category: Category | null; parentId: string | null } | null;

/** The category tree (one level of nesting) as a filter, with add / rename for catalog writers. */
export function CategoryPanel({
  selected,
  onSelect,
  canWrite,
}: {
  selected: string;
  onSelect: (id: string) => void;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>(null);
  const all = categories.data ?? [];
  const tops = all.filter((c) => !c.parentId);

  const item = (c: Category, child: boolean) => (
    <div
      key={c.id}
      className={`cat-item${selected === c.id ? ' cat-item-active' : ''}${child ? ' cat-child' : ''}`}
      data-testid="category-item"
    >
      <button type="button" className="cat-name" onClick={() => onSelect(c.id)}>
        {c.name}
        {c.active ? null : <span className="muted"> · {t('catalog.hidden')}</span>}
      </button>
      {canWrite ? (
        <span className="cat-actions">
          {child ? null : (
            <Tooltip title={t('catalog.addSubCategory')}>
              <Button
                size="small"
                type="text"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ category: null, parentId: c.id })}
              />
            </Tooltip>
          )}
          <Tooltip title={t('catalog.editCategory')}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              onClick={() => setEditing({ category: c, parentId: c.parentId })}
            />
          </Tooltip>
        </span>
      ) : null}
    </div>
  );

  return (
    <div className="cat-panel" data-testid="category-panel">
      <div className="cat-head">
        <span>{t('catalog.categories')}</span>
        {canWrite ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ category: null, parentId: null })}
            data-testid="category-add"
          >
            {t('catalog.addCategory')}
          </Button>
        ) : null}
      </div>
      <div className={`cat-item${selected === '' ? ' cat-item-active' : ''}`}>
        <button type="button" className="cat-name" onClick={() => onSelect('')}>
          {t('catalog.allCategories')}
        </button>
      </div>
      {categories.isLoading ? <Spin style={{ margin: 16 }} /> : null}
      {categories.data && !tops.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.noCategories')} />
      ) : null}
      {tops.flatMap((top) => [
        item(top, false),
        ...all.filter((c) => c.parentId === top.id).map((c) => item(c, true)),
      ])}
      {editing ? <CategoryModal editing={editing} tops={tops} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

type Values = { name: string; parentId: string | null; sort: number; active: boolean };

function CategoryModal({
  editing,
  tops,
  onClose,
}: {
  editing: NonNullable<Editing>;
  tops: Category[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const c = editing.category;
  const save = useMutation({
    mutationFn: (v: Values) =>
      c
        ? api.call(routes.updateCategory, { params: { id: c.id }, body: v })
        : api.call(routes.createCategory, { body: v }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: categoriesKey });
      message.success(t('catalog.saved'));
      onClose();
    },
    onError: (err) => message.error(problemText(err)),
  });
  return (
    <Modal
      open
      title={c ? t('catalog.editCategory') : t('catalog.addCategory')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('catalog.save')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: c?.name ?? '',
          parentId: editing.parentId,
          sort: c?.sort ?? 0,
          active: c?.active ?? true,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('catalog.categoryName')} rules={[{ required: true, max: 60 }]}>
          <Input autoFocus data-testid="category-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('catalog.parentCategory')}>
          <Select
            allowClear
            placeholder={t('catalog.topLevel')}
            options={tops.filter((x) => x.id !== c?.id).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="sort" label={t('catalog.sort')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="active" label={t('catalog.visible')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { EditOutlined } from '@ant-design/icons';
import { type Order, routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useStaff } from '../../lib/use-user-names.ts';

type Values = {
  notes?: string;
  tags?: string[];
  requestedDate?: Dayjs | null;
  address?: string;
  assignedTo?: string | null;
};

/**
 * Edits what may change after entry while the order is still open: notes, tags, assignee, requested
 * date and address. Sent with the version shown, so an edit over someone else's is a conflict; the
 * server's field errors land on the fields.
 */
export function OrderEditButton({ order }: { order: Order }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.editOrder, {
        params: { id: order.id },
        body: {
          expectedVersion: order.version,
          notes: v.notes?.trim() || null,
          tags: v.tags ?? [],
          assignedTo: v.assignedTo ?? null,
          fulfilmentDetails: {
            ...order.fulfilmentDetails,
            requestedDate: v.requestedDate ? v.requestedDate.format('YYYY-MM-DD') : undefined,
            address: v.address?.trim() || undefined,
          },
        },
      }),
    onSuccess: (o) => {
      queryClient.setQueryData(['order', o.id], o);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      setOpen(false);
      message.success(t('orderEdit.saved'));
    },
    onError: (err) => {
      if (!isApiError(err)) return message.error(String(err));
      const fields = (err.problem.fields ?? []).map((f) => ({
        name: f.field.split('.').pop() as keyof Values,
        errors: [f.message],
      }));
      if (fields.length) form.setFields(fields);
      message.error(err.problem.detail);
      void queryClient.invalidateQueries({ queryKey: ['order', order.id] });
    },
  });
  // the server says what this user may change now (permission, scope and state)
  if (!order.editable?.fields) return null;
  const d = order.fulfilmentDetails;
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="order-edit">
        {t('orderEdit.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('orderEdit.title', { number: order.number })}
        size={420}
        destroyOnHidden
        extra={
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="order-edit-save"
          >
            {t('orderEdit.save')}
          </Button>
        }
      >
        <Form
          form={form}
          layout="vertical"
          className="dense-form"
          onFinish={(v) => save.mutate(v)}
          initialValues={{
            notes: order.notes ?? '',
            tags: order.tags,
            assignedTo: order.assignedTo ?? undefined,
            requestedDate: d.requestedDate ? dayjs(d.requestedDate) : null,
            address: d.address ?? '',
          }}
        >
          <Form.Item name="assignedTo" label={t('batch.assignee')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          {order.fulfilment === 'shipment' ? (
            <Form.Item name="requestedDate" label={t('batch.requestedDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {order.fulfilment === 'shipment' || order.fulfilment === 'delivery' ? (
            <Form.Item name="address" label={t('orderEdit.address')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
            </Form.Item>
          ) : null}
          <Form.Item name="tags" label={t('batch.tags')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="notes" label={t('order.notes')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              data-testid="order-edit-notes"
            />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}

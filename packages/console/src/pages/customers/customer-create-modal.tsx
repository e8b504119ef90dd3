import { routes } from '@orderloop/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useStaff } from '../../lib/use-user-names.ts';
import { useSession } from '../../session/session-context.tsx';

type Values = {
  name: string;
  contactName?: string;
  phone?: string;
  storeId?: string;
  salesRepId?: string;
  priceListId?: string;
};

/** A new B2B account; the detail page opens on it once the server has it. */
export function CustomerCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { me, can, currentStoreId } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const [form] = Form.useForm<Values>();
  const priceLists = useQuery({
    queryKey: ['catalog', 'price-lists'],
    queryFn: () => api.call(routes.listPriceLists),
    enabled: can('catalog.read'),
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.createCustomer, {
        body: {
          kind: 'account',
          name: v.name,
          contactName: v.contactName || null,
          phone: v.phone || null,
          storeId: v.storeId ?? null,
          salesRepId: v.salesRepId ?? null,
          priceListId: v.priceListId ?? null,
        },
      }),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      onClose();
      navigate(`/customers/${c.id}`);
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) =>
        ['name', 'contactName', 'phone', 'storeId', 'salesRepId', 'priceListId'].includes(p),
      );
      message.error(isApiError(err) ? err.problem.detail : String(err));
    },
  });
  return (
    <Modal
      open
      title={t('accounts.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('catalog.save')}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ storeId: currentStoreId ?? undefined }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, max: 120 }]}>
          <Input autoFocus data-testid="account-name" />
        </Form.Item>
        <Form.Item name="contactName" label={t('customers.contact')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="phone" label={t('customers.phone')}>
          <Input />
        </Form.Item>
        <Form.Item name="storeId" label={t('customers.store')}>
          <Select allowClear options={me.stores.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="salesRepId" label={t('customers.salesRep')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="priceListId" label={t('accounts.priceList')}>
          <Select
            allowClear
            placeholder={t('accounts.basePrices')}
            options={(priceLists.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

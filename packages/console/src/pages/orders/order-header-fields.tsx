import { Col, DatePicker, Form, Input, type RefSelectProps, Row, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode, Ref } from 'react';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import type { Fulfilment, OrderDraft } from './order-draft.ts';
import { errorAt, type FieldErrors } from './order-errors.ts';
import { fulfilments, useCodeLabel } from './order-tags.tsx';

type Update = (patch: Partial<OrderDraft>, clears: string[]) => void;

function Field({
  label,
  error,
  children,
  span = 8,
}: {
  label: string;
  error?: string;
  children: ReactNode;
  span?: number;
}) {
  return (
    <Col span={span}>
      <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
        {children}
      </Form.Item>
    </Col>
  );
}

/** Store, customer, fulfilment with its details, and the contact: the order's header. */
export function OrderHeaderFields({
  draft,
  update,
  errors,
  onCustomerPicked,
  customerRef,
}: {
  draft: OrderDraft;
  update: Update;
  errors: FieldErrors;
  onCustomerPicked: () => void;
  customerRef?: Ref<RefSelectProps>;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const label = useCodeLabel();
  const details = draft.details;
  const setDetail = (k: keyof OrderDraft['details'], v: string) =>
    update({ details: { ...details, [k]: v } }, [`fulfilmentDetails.${k}`]);
  const err = (path: string) => errorAt(errors, path);

  return (
    <Form layout="vertical" component="div" className="dense-form">
      <Row gutter={12}>
        <Field label={t('orderForm.store')} error={err('storeId')} span={6}>
          <Select
            value={draft.storeId}
            onChange={(storeId: string) => update({ storeId }, ['storeId', 'lines'])}
            data-testid="order-store"
            options={me.stores.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
          />
        </Field>
        <Field label={t('orderForm.customer')} error={err('customerId')} span={10}>
          <CustomerSelect
            value={draft.customerId}
            onChange={(customerId) => update({ customerId }, ['customerId', 'lines'])}
            status={err('customerId') ? 'error' : undefined}
            testId="order-customer"
            selectRef={customerRef}
            onPicked={onCustomerPicked}
          />
        </Field>
        <Field label={t('orderForm.fulfilment')} error={err('fulfilment')} span={8}>
          <Segmented<Fulfilment>
            value={draft.fulfilment}
            onChange={(fulfilment) => update({ fulfilment }, ['fulfilment', 'fulfilmentDetails'])}
            data-testid="order-fulfilment"
            options={fulfilments.map((f) => ({ value: f, label: label('fulfilment', f) }))}
          />
        </Field>
      </Row>
      <Row gutter={12}>
        {draft.fulfilment === 'dine_in' ? (
          <Field label={t('orderForm.tableNumber')} error={err('fulfilmentDetails.tableNumber')} span={4}>
            <Input
              value={details.tableNumber}
              onChange={(e) => setDetail('tableNumber', e.target.value)}
              data-testid="order-table"
            />
          </Field>
        ) : null}
        {draft.fulfilment === 'pickup' ? (
          <Field label={t('orderForm.pickupAt')} error={err('fulfilmentDetails.pickupAt')} span={6}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={details.pickupAt ? dayjs(details.pickupAt) : null}
              onChange={(v) => setDetail('pickupAt', v ? v.second(0).format() : '')}
              style={{ width: '100%' }}
              data-testid="order-pickup-at"
            />
          </Field>
        ) : null}
        {draft.fulfilment === 'shipment' ? (
          <Field label={t('orderForm.requestedDate')} error={err('fulfilmentDetails.requestedDate')} span={5}>
            <DatePicker
              value={details.requestedDate ? dayjs(details.requestedDate) : null}
              onChange={(v) => setDetail('requestedDate', v ? v.format('YYYY-MM-DD') : '')}
              style={{ width: '100%' }}
              data-testid="order-requested-date"
            />
          </Field>
        ) : null}
        {draft.fulfilment === 'delivery' || draft.fulfilment === 'shipment' ? (
          <Field
            label={t('orderForm.address')}
            error={err('fulfilmentDetails.address')}
            span={draft.fulfilment === 'shipment' ? 9 : 12}
          >
            <Input
              value={details.address}
              onChange={(e) => setDetail('address', e.target.value)}
              data-testid="order-address"
            />
          </Field>
        ) : null}
        <Field label={t('orderForm.contactName')} error={err('contact.name')} span={5}>
          <Input
            value={draft.contact.name}
            placeholder={t('orderForm.contactFromCustomer')}
            onChange={(e) =>
              update({ contact: { ...draft.contact, name: e.target.value } }, ['contact.name'])
            }
            data-testid="order-contact-name"
          />
        </Field>
        <Field label={t('orderForm.contactPhone')} error={err('contact.phone')} span={5}>
          <Input
            value={draft.contact.phone}
            placeholder={t('orderForm.contactFromCustomer')}
            onChange={(e) =>
              update({ contact: { ...draft.contact, phone: e.target.value } }, ['contact.phone'])
            }
            data-testid="order-contact-phone"
          />
        </Field>
      </Row>
    </Form>
  );
}

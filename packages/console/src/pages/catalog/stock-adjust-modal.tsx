import { routes } from '@orderloop/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { problemText } from './catalog-data.ts';

type Mode = 'delta' | 'set' | 'track' | 'untrack';
type Reason = 'receipt' | 'count' | 'write_off' | 'correction' | 'tracking';
type Values = { mode: Mode; quantity: number; reason: Reason; note?: string };
export type StockTarget = { storeId: string; skuId: string; label: string; tracked: boolean; onHand: number };

const reasonsFor: Record<Mode, Reason[]> = {
  delta: ['receipt', 'write_off', 'correction'],
  set: ['count', 'correction'],
  track: ['tracking', 'count'],
  untrack: ['tracking'],
};

/** Receive, count, write off or (un)track one SKU in one store; the server writes the ledger row. */
export function StockAdjustModal({ target, onClose }: { target: StockTarget; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? (target.tracked ? 'delta' : 'track');
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.call(routes.adjustStock, {
        body: { storeId: target.storeId, skuId: target.skuId, ...v, quantity: v.quantity ?? 0 },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['catalog'] });
      message.success(t('stock.adjusted'));
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => ['mode', 'quantity', 'reason', 'note'].includes(p));
      message.error(problemText(err));
    },
  });
  return (
    <Modal
      open
      title={t('stock.adjustTitle', { sku: target.label })}
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
          mode: target.tracked ? 'delta' : 'track',
          quantity: 0,
          reason: target.tracked ? 'receipt' : 'tracking',
        }}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.mode) form.setFieldValue('reason', reasonsFor[changed.mode][0]);
        }}
      >
        <Form.Item name="mode" label={t('stock.mode')}>
          <Radio.Group
            optionType="button"
            options={(['delta', 'set', 'track', 'untrack'] as const).map((m) => ({
              value: m,
              label: t(`stock.mode.${m}`),
              disabled: (m === 'untrack' || m === 'delta' || m === 'set') && !target.tracked,
            }))}
          />
        </Form.Item>
        {mode === 'untrack' ? null : (
          <Form.Item
            name="quantity"
            label={mode === 'delta' ? t('stock.delta') : t('stock.countedQuantity')}
            extra={target.tracked ? t('stock.currentOnHand', { n: target.onHand }) : null}
          >
            <InputNumber
              min={mode === 'delta' ? -1000000 : 0}
              max={1000000}
              style={{ width: 160 }}
              data-testid="stock-quantity"
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('stock.reason')}>
          <Select options={reasonsFor[mode].map((r) => ({ value: r, label: t(`stock.reason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('stock.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

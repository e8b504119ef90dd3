import { Typography } from 'antd';
import { Fragment } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

/**
 * A notification template's text with its slots shown as slots: "订单 [单号] 已接单" rather than the
 * raw "{number}", which reads like a bug. Slots other than the order number keep their name.
 */
export function TemplateText({ text }: { text: string }) {
  const { t } = useI18n();
  // a fixed text split once: the position is the part's identity
  const parts = text.split(/\{(\w+)\}/).map((part, i) => ({ part, slot: i % 2 === 1, key: `${i}:${part}` }));
  return (
    <>
      {parts.map(({ part, slot, key }) =>
        slot ? (
          <Typography.Text key={key} code style={{ fontSize: 12 }}>
            {part === 'number' ? t('orders.col.number') : part}
          </Typography.Text>
        ) : (
          <Fragment key={key}>{part}</Fragment>
        ),
      )}
    </>
  );
}

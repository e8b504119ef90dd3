import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { OrderAmounts } from './order-amounts.tsx';
import type { DiscountInput } from './order-draft.ts';
import { errorAt, type FieldErrors } from './order-errors.ts';
import { DiscountField } from './order-lines-grid.tsx';
import type { QuoteState } from './use-order-quote.ts';

/** The server's refusal: its detail, and the field errors no control on the form shows. */
export function OrderProblems({
  detail,
  unclaimed,
  fallback,
}: {
  detail: string | null | undefined;
  unclaimed: [string, string][];
  fallback: string;
}) {
  if (!detail && !unclaimed.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="entry-errors"
      data-testid="order-errors"
      title={detail ?? fallback}
      description={
        unclaimed.length ? (
          <ul>
            {unclaimed.map(([path, message]) => (
              <li key={path}>
                <span className="mono">{path}</span> {message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** The right-hand column of order entry: order discount, the server's totals, problems, save buttons. */
export function OrderSummaryPanel({
  quote,
  hasLines,
  currency,
  orderDiscount,
  onOrderDiscount,
  errors,
  unclaimed,
  detail,
  saving,
  onSave,
}: {
  quote: QuoteState;
  hasLines: boolean;
  currency: string;
  orderDiscount: DiscountInput;
  onOrderDiscount: (d: DiscountInput) => void;
  errors: FieldErrors;
  /** Field errors that no control on the form shows. */
  unclaimed: [string, string][];
  detail: string | null;
  saving: 'draft' | 'submit' | null;
  onSave: (submit: boolean) => void;
}) {
  const { t } = useI18n();
  const q = quote.quote;
  const unavailable = q?.lines.filter((l) => l.unavailable).length ?? 0;
  const discountError = errorAt(errors, 'orderDiscount');
  return (
    <Card
      size="small"
      title={t('orderForm.totals')}
      extra={quote.pending ? <LoadingOutlined data-testid="quote-pending" /> : null}
      className="entry-side"
      data-testid="order-summary"
      data-quote-ready={q && !quote.pending ? 'true' : 'false'}
    >
      <Form layout="vertical" component="div" className="dense-form">
        <Form.Item
          label={t('orderForm.orderDiscount')}
          validateStatus={discountError ? 'error' : undefined}
          help={discountError}
        >
          <DiscountField
            value={orderDiscount}
            onChange={onOrderDiscount}
            currency={currency}
            error={discountError}
            testId="order-discount"
          />
        </Form.Item>
      </Form>
      {q ? (
        <OrderAmounts amounts={q} dimmed={quote.pending} />
      ) : (
        <Typography.Paragraph type="secondary" className="quote-note" data-testid="quote-note">
          {!hasLines
            ? t('orderForm.quoteEmpty')
            : quote.error
              ? t('orderForm.quoteBlocked')
              : t('orderForm.quoting')}
        </Typography.Paragraph>
      )}
      {unavailable ? (
        <Alert type="warning" showIcon title={t('orderForm.unavailableLines', { count: unavailable })} />
      ) : null}
      <OrderProblems detail={detail} unclaimed={unclaimed} fallback={t('orderForm.failed')} />
      <Flex vertical gap={8} className="entry-actions">
        <Button
          type="primary"
          size="large"
          block
          loading={saving === 'submit'}
          disabled={!hasLines || saving !== null}
          onClick={() => onSave(true)}
          data-testid="order-submit"
        >
          {t('orderForm.submit')}
        </Button>
        <Button
          block
          loading={saving === 'draft'}
          disabled={!hasLines || saving !== null}
          onClick={() => onSave(false)}
          data-testid="order-save-draft"
        >
          {t('orderForm.saveDraft')}
        </Button>
        <Typography.Text type="secondary" className="kbd-hint" style={{ textAlign: 'center' }}>
          {t('orderForm.shortcuts')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

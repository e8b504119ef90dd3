import { type FieldError, unavailableReasons } from '@orderloop/contract';
import { isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/i18n-context.tsx';
import type { OrderDraft } from './order-draft.ts';

/** Messages by field path without the `body.` prefix: `lines.0.quantity` → "must be at least 1". */
export type FieldErrors = Record<string, string>;

const isReason = (code: string): code is (typeof unavailableReasons)[number] =>
  (unavailableReasons as readonly string[]).includes(code);

/** The server's field message, or ours where its code is one we can say better (with the option's name). */
function messageOf(f: FieldError, draft: OrderDraft, t: Translate): string {
  const [, , i, leaf, group] = f.field.split('.');
  if (f.code === 'missing_option' && leaf === 'modifiers' && group) {
    const g = draft.lines[Number(i)]?.groups.find((x) => x.code === group);
    return t('orderForm.chooseOption', { name: g?.name ?? group });
  }
  if (f.code !== 'out_of_stock' && isReason(f.code)) return t(`unavailable.${f.code}`);
  return f.message;
}

/** A problem+json answer split into messages per field (for the cells) and the general detail. */
export function fieldErrorsOf(
  err: unknown,
  draft: OrderDraft,
  t: Translate,
): { fields: FieldErrors; detail: string | null } {
  if (!isApiError(err)) return { fields: {}, detail: err ? String(err) : null };
  const fields: FieldErrors = {};
  for (const f of err.problem.fields ?? []) {
    const path = f.field.replace(/^body\./, '');
    fields[path] ??= messageOf(f, draft, t);
  }
  return { fields, detail: err.problem.detail };
}

/** The fields a form control shows; whatever no control claims is listed apart, so nothing is lost. */
export const shownPaths = (draft: OrderDraft): ((path: string) => boolean) => {
  const top = new Set([
    'storeId',
    'customerId',
    'fulfilment',
    'fulfilmentDetails.tableNumber',
    'fulfilmentDetails.pickupAt',
    'fulfilmentDetails.address',
    'fulfilmentDetails.requestedDate',
    'contact.name',
    'contact.phone',
    'notes',
    'orderDiscount',
    'orderDiscount.value',
  ]);
  return (path) =>
    top.has(path) ||
    path.startsWith('tags') ||
    (/^lines\.\d+\.(skuId|quantity|modifiers|discount|overridePrice)/.test(path) &&
      Number(path.split('.')[1]) < draft.lines.length);
};

/** The first message under a path prefix: `lines.0.discount` covers `lines.0.discount.value`. */
export const errorAt = (errors: FieldErrors, prefix: string): string | undefined => {
  if (errors[prefix]) return errors[prefix];
  const key = Object.keys(errors).find((k) => k.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
};

import { effectiveScope, type Scope } from '../access/access.ts';
import { ForbiddenError } from '../lib/errors.ts';

/** A manual price needs orders.override_price, on every path that prices (quote, create, edit). */
export function assertOverrideAllowed(scope: Scope, input: { lines: { overridePrice?: number | null }[] }) {
  const i = input.lines.findIndex((l) => l.overridePrice != null);
  if (i >= 0 && !effectiveScope(scope.actor, 'orders.override_price')) {
    const err = new ForbiddenError({
      key: 'forbidden.permission',
      vars: { permission: 'orders.override_price' },
    });
    err.fields = [{ field: `body.lines.${i}.overridePrice`, code: 'forbidden', message: '' }];
    throw err;
  }
}

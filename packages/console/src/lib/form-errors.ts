import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * Puts a problem's field errors on the form fields they name (`body.skus.0.code` → ['skus', 0, 'code'])
 * and returns those no field of the form shows, so nothing the server said is lost.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known: (path: string) => boolean) {
  if (!isApiError(err)) return [];
  const rest: string[] = [];
  const shown = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of err.problem.fields ?? []) {
    const path = f.field.replace(/^body\./, '');
    if (!known(path)) {
      rest.push(`${path}: ${f.message}`);
      continue;
    }
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const entry = shown.get(path) ?? { name, errors: [] };
    entry.errors.push(f.message);
    shown.set(path, entry);
  }
  form.setFields([...shown.values()]);
  return rest;
}

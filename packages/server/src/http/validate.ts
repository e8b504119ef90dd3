import { type FieldError, type Locale, validationMessages } from '@orderloop/contract';
import { z } from 'zod';
import { ValidationError } from '../lib/errors.ts';

const localeErrors: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
  ja: z.locales.ja().localeError,
};

export function issuesToFields(where: string, issues: z.core.$ZodIssue[], locale: Locale): FieldError[] {
  return issues.map((i) => ({
    field: [where, ...i.path.map(String)].filter(Boolean).join('.'),
    code: i.code,
    message: validationMessages[i.message]?.[locale] ?? i.message,
  }));
}

/** Parses one part of a request with a contract schema, messages in the caller's language. */
export function parsePart<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
  locale: Locale,
): z.output<T> {
  const r = schema.safeParse(value, { error: localeErrors[locale] });
  if (!r.success) throw new ValidationError(issuesToFields(where, r.error.issues, locale));
  const nul = nulAt(r.data, []);
  if (nul)
    throw new ValidationError([
      {
        field: [where, ...nul].join('.'),
        code: 'custom',
        message: validationMessages['format.nul']![locale],
      },
    ]);
  return r.data;
}

/**
 * Where a U+0000 hides in parsed input, if anywhere: PostgreSQL text and jsonb cannot hold it, so
 * every route refuses it here rather than each schema (or the database, with a 500) doing so.
 */
function nulAt(v: unknown, path: string[]): string[] | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nulAt(v[i], [...path, String(i)]);
      if (p) return p;
    }
  } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('\u0000')) return [...path, k];
      const p = nulAt(x, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

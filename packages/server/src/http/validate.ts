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
  return r.data;
}

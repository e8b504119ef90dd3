import type { Locale } from '@orderloop/contract';
import { z } from 'zod';

type Messages = {
  missingColumn: (accepted: string) => string;
  duplicateColumn: (header: string, first: string) => string;
  requiredCell: string;
  unknownColumn: string;
};

// Our own sheet-level messages; everything about a cell's content comes from zod's locales.
const messages: Record<Locale, Messages> = {
  'zh-CN': {
    missingColumn: (accepted) => `缺少必填列：${accepted}`,
    duplicateColumn: (header, first) => `列「${header}」与列「${first}」重复`,
    requiredCell: '此项为必填项',
    unknownColumn: '无法识别的列，已忽略',
  },
  en: {
    missingColumn: (accepted) => `Missing required column: ${accepted}`,
    duplicateColumn: (header, first) => `Column "${header}" duplicates column "${first}"`,
    requiredCell: 'This cell is required',
    unknownColumn: 'Unknown column, ignored',
  },
  ja: {
    missingColumn: (accepted) => `必須の列がありません：${accepted}`,
    duplicateColumn: (header, first) => `列「${header}」は列「${first}」と重複しています`,
    requiredCell: 'この項目は必須です',
    unknownColumn: '認識できない列のため無視しました',
  },
};

const listSeparator: Record<Locale, string> = { 'zh-CN': '、', en: ' / ', ja: '、' };

export function sheetMessages(locale: Locale): Messages & { list: (names: string[]) => string } {
  return { ...messages[locale], list: (names) => names.join(listSeparator[locale]) };
}

const zodLocales = { 'zh-CN': z.locales.zhCN, en: z.locales.en, ja: z.locales.ja } as const;
const errorMaps = new Map<Locale, z.core.$ZodErrorMap>();

/** zod's built-in messages for one locale, passed per parse so no global zod config is touched. */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap {
  let map = errorMaps.get(locale);
  if (!map) {
    map = zodLocales[locale]().localeError;
    errorMaps.set(locale, map);
  }
  return map;
}

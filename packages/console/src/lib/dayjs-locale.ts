import type { Locale } from '@orderloop/contract';
import dayjs from 'dayjs';
import 'dayjs/locale/ja';
import 'dayjs/locale/zh-cn';

const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en', ja: 'ja' };

/**
 * Ant Design's date pickers take month and weekday names from dayjs' global locale, not from
 * ConfigProvider: without this a Chinese or Japanese calendar reads "Nov 2026 · Su Mo Tu".
 */
export function setDayjsLocale(locale: Locale) {
  dayjs.locale(dayjsLocales[locale]);
}

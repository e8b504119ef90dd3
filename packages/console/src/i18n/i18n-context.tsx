import { format, type Locale, locales, pickLocale } from '@orderloop/contract';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLocale } from '../api/client.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { type MessageKey, type Messages, zhCN } from './zh-cn.ts';

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en, ja };
const STORAGE_KEY = 'ol.locale';

/** The language names as each speaker writes them, for the switcher. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English', ja: '日本語' };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => format(dict[key], vars);
}

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (locales as readonly string[]).includes(stored)) return stored as Locale;
  return pickLocale(navigator.languages?.join(',') || navigator.language);
}

type I18n = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  children,
  onChange,
}: {
  children: ReactNode;
  onChange?: (locale: Locale) => void;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    setApiLocale(l);
    document.documentElement.lang = l;
    return l;
  });
  const setLocale = useCallback(
    (next: Locale) => {
      localStorage.setItem(STORAGE_KEY, next);
      setApiLocale(next);
      document.documentElement.lang = next;
      setLocaleState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** For keys built from server data (an audit action, an entity type) that may have no translation yet. */
export const isMessageKey = (key: string): key is MessageKey => key in zhCN;

import type { Locale } from '../lib/i18n';
import { createStore } from './store';

function systemLocale(): Locale {
  const lang = (typeof navigator !== 'undefined' && navigator.language) || 'zh-CN';
  return lang.startsWith('ja') ? 'ja' : lang.startsWith('en') ? 'en' : 'zh-CN';
}

export const prefs = createStore<{ locale: Locale }>({ locale: systemLocale() }, 'ol.prefs');

import Taro from '@tarojs/taro';

export type Page = 'home' | 'menu' | 'product' | 'cart' | 'confirm' | 'orders' | 'order' | 'profile';

const url = (page: Page, params?: Record<string, string>) => {
  const qs = params
    ? `?${Object.entries(params)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('&')}`
    : '';
  return `/pages/${page}/index${qs}`;
};

/** Opens a page on top of this one. */
export const go = (page: Page, params?: Record<string, string>) =>
  Taro.navigateTo({ url: url(page, params) });
/** Switches between the main sections without growing the page stack. */
export const switchTo = (page: Page, params?: Record<string, string>) =>
  Taro.redirectTo({ url: url(page, params) });
/** Back, or to the menu when this page was opened directly. */
export const back = () =>
  Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: url('menu') });

/**
 * "2026-11-22 12:05" in the store's time zone (times are shown where the store is); in the phone's
 * own zone where the runtime lacks Intl time zones (some mini-program runtimes).
 */
export function when(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (timeZone && typeof Intl !== 'undefined') {
    try {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(d);
      const get = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
    } catch {
      // unknown zone: fall through to the phone's
    }
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

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

/** "2026-11-22 12:05" in the phone's time zone, without relying on Intl (missing on some mini-program runtimes). */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

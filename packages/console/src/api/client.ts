import { ApiError, createClient, defaultLocale, type Locale } from '@orderloop/contract';

export const CSRF_COOKIE = 'ol_csrf';

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

let currentLocale: Locale = defaultLocale;
export const setApiLocale = (locale: Locale) => {
  currentLocale = locale;
};

/** The one API client of the console: cookie session, CSRF header on writes, the chosen language. */
export const api = createClient({
  csrfToken: () => readCookie(CSRF_COOKIE),
  locale: () => currentLocale,
});

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

export const isAuthFailure = (err: unknown) =>
  isApiError(err) && (err.code === 'AUTH_SESSION_EXPIRED' || err.code === 'AUTH_REQUIRED');

export const isForbidden = (err: unknown) => isApiError(err) && err.code === 'FORBIDDEN';

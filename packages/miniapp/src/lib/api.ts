import { ApiError, createClient } from '@orderloop/contract';
import Taro from '@tarojs/taro';
import { prefs } from '../state/prefs';
import { session } from '../state/session';
import { staffSession } from '../state/staff';

/** A network failure (no answer at all), as opposed to an answer saying no. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * `fetch` on top of Taro.request, so the contract's typed client runs unchanged on weapp, alipay
 * and h5. Only what the client reads is provided: status, ok, headers.get and text().
 */
const taroFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
  let res: Taro.request.SuccessCallbackResult<string>;
  try {
    res = await Taro.request<string>({
      url,
      method: (init.method ?? 'GET') as 'GET',
      header: init.headers as Record<string, string>,
      data: init.body as string | undefined,
      dataType: 'text',
      responseType: 'text',
    });
  } catch (e) {
    throw new NetworkError((e as { errMsg?: string }).errMsg ?? String(e));
  }
  const headers = Object.fromEntries(
    Object.entries((res.header ?? {}) as Record<string, string>).map(([k, v]) => [
      k.toLowerCase(),
      String(v),
    ]),
  );
  const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '');
  return {
    status: res.statusCode,
    ok: res.statusCode >= 200 && res.statusCode < 300,
    statusText: String(res.statusCode),
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    text: async () => text,
  } as unknown as Response;
};

export const api = createClient({
  baseUrl: API_BASE,
  fetch: taroFetch as typeof fetch,
  token: () => session.get().token,
  locale: () => prefs.get().locale,
  onResponse: (res) => {
    // an expired session signs the customer out, keeps their cart, and asks them to sign in again
    if (res.status === 401 && session.get().token) {
      session.set({ token: null, me: null });
      void Taro.navigateTo({ url: '/pages/profile/index?back=1&expired=1' });
    }
  },
});

/** The sales rep's client: the staff API with the rep's own bearer token. */
export const staffApi = createClient({
  baseUrl: API_BASE,
  fetch: taroFetch as typeof fetch,
  token: () => staffSession.get().token,
  locale: () => prefs.get().locale,
  onResponse: (res) => {
    if (res.status === 401 && staffSession.get().token) {
      staffSession.set({ token: null, me: null });
      void Taro.redirectTo({ url: '/staff/login/index' });
    }
  },
});

/**
 * Sends a photo to a staff upload endpoint (multipart field `file`) with Taro.uploadFile, which
 * reads the picked file itself on every platform.
 */
export async function uploadStaffFile(path: string, filePath: string) {
  const res = await Taro.uploadFile({
    url: `${API_BASE}${path}`,
    filePath,
    name: 'file',
    header: {
      authorization: `Bearer ${staffSession.get().token ?? ''}`,
      'accept-language': prefs.get().locale,
    },
  }).catch((e: { errMsg?: string }) => {
    throw new NetworkError(e.errMsg ?? 'upload failed');
  });
  if (res.statusCode < 200 || res.statusCode >= 300) {
    let detail = String(res.statusCode);
    try {
      detail = (JSON.parse(res.data) as { detail?: string }).detail ?? detail;
    } catch {
      // not a problem document
    }
    throw new Error(detail);
  }
}

export const isNetworkError = (e: unknown) =>
  e instanceof NetworkError || (e instanceof TypeError && !(e instanceof ApiError));

/** What to tell the customer about a failed call: the server's own localised message, or "network". */
export const problemText = (e: unknown, network: string) =>
  e instanceof ApiError ? e.problem.detail : network;

/** An idempotency key: random, unguessable, within the server's accepted format. */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `mp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

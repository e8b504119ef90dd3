import type { Problem } from './errors.ts';
import type { Download, FileInput, MultipartFileInput, RouteDef, RouteInput, RouteOutput } from './route.ts';

/** A problem+json answer, thrown by the client so callers can branch on `code` and `fields`. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code() {
    return this.problem.code;
  }
}

export type ClientOptions = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Bearer token (mini-program, tests). */
  token?: () => string | null | undefined;
  /** CSRF token for cookie sessions (console). */
  csrfToken?: () => string | null | undefined;
  locale?: () => string | undefined;
  /** Extra headers on every request (tests use this to carry a cookie jar). */
  headers?: () => Record<string, string>;
  onResponse?: (res: Response) => void;
};

const fillPath = (path: string, params: Record<string, unknown> | undefined) =>
  path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(params?.[k] ?? '')));

/** The file name a Content-Disposition header offers: RFC 5987 `filename*` first, then `filename`. */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name ?? null;
}

export function createClient(options: ClientOptions = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<R extends RouteDef>(route: R, input?: RouteInput<R>): Promise<RouteOutput<R>> {
    const i = (input ?? {}) as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      file?: FileInput | MultipartFileInput;
      idempotencyKey?: string;
      headers?: Record<string, string>;
    };
    let url = `${options.baseUrl ?? ''}${fillPath(route.path, i.params)}`;
    if (i.query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(i.query))
        if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
      const s = qs.toString();
      if (s) url += `?${s}`;
    }
    const headers: Record<string, string> = {
      accept: route.download
        ? [...route.download.contentTypes, 'application/problem+json'].join(', ')
        : 'application/json',
      ...options.headers?.(),
      ...i.headers,
    };
    const token = options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const csrf = options.csrfToken?.();
    if (csrf && route.method !== 'GET') headers['x-csrf-token'] = csrf;
    const locale = options.locale?.();
    if (locale) headers['accept-language'] = locale;
    if (i.idempotencyKey) headers['idempotency-key'] = i.idempotencyKey;
    let body: RequestInit['body'];
    const multipart = route.upload?.multipart;
    if (i.file !== undefined && multipart) {
      // fetch writes the multipart content type itself, with its boundary
      const f = i.file as MultipartFileInput;
      const blob = new Blob([f.data as Blob], f.contentType ? { type: f.contentType } : {});
      body = new FormData();
      body.append(multipart.field, blob, f.filename);
    } else if (i.file !== undefined) {
      headers['content-type'] = i.file.contentType as string;
      body = i.file.data as NonNullable<RequestInit['body']>;
    } else if (i.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(i.body);
    }
    const res = await doFetch(url, { method: route.method, headers, body, credentials: 'same-origin' });
    options.onResponse?.(res);
    if (res.status === 204) return undefined as RouteOutput<R>;
    if (route.download && res.ok) {
      const download: Download = {
        data: await res.blob(),
        filename: filenameOf(res.headers.get('content-disposition')),
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      };
      return download as RouteOutput<R>;
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      throw new ApiError(
        data && typeof data === 'object' && 'code' in data
          ? (data as Problem)
          : {
              type: 'about:blank',
              title: res.statusText,
              status: res.status,
              code: 'INTERNAL',
              detail: text.slice(0, 200),
              requestId: res.headers.get('x-request-id') ?? '',
            },
      );
    }
    return data as RouteOutput<R>;
  }

  return { call };
}
export type ApiClient = ReturnType<typeof createClient>;

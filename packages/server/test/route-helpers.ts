import { type RouteDef, routes } from '@orderloop/contract';

export const allRoutes = Object.entries(routes) as [string, RouteDef][];

/** A concrete URL for a route, with every `:param` filled by the given value. */
export const urlFor = (base: string, route: RouteDef, param = '00000000-0000-7000-8000-000000000000') =>
  `${base}${route.path.replace(/:(\w+)/g, param)}`;

/** Raw request (no client-side typing), so tests can send exactly the bytes they mean to. */
export async function send(
  base: string,
  route: RouteDef,
  opts: {
    token?: string;
    cookie?: string;
    csrf?: string;
    body?: string;
    contentType?: string;
    param?: string;
    query?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  let body = opts.body;
  if (body === undefined && route.method !== 'GET' && route.method !== 'DELETE') body = '{}';
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${urlFor(base, route, opts.param)}${opts.query ? `?${opts.query}` : ''}`, {
    method: route.method,
    headers,
    body,
  });
  // an event stream stays open: its status and headers are the answer
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, json: {} as Record<string, unknown>, headers: res.headers };
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {}
  return { status: res.status, json, headers: res.headers };
}

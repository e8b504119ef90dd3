import { pickLocale, type RouteDef, type RouteOutput } from '@orderloop/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { requireCustomer, requirePermission, requireStaff } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { resolveSession, SESSION_COOKIE, safeEqual } from '../identity/sessions.ts';
import { AuthError, ForbiddenError } from '../lib/errors.ts';
import type { Ctx, Deps } from './context.ts';
import { parsePart } from './validate.ts';

type Parsed<R extends RouteDef> = {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : undefined;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : undefined;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
};

type Handler<R extends RouteDef> = (
  ctx: Ctx,
  input: Parsed<R>,
  http: { req: FastifyRequest; reply: FastifyReply },
) => Promise<RouteOutput<R>>;

export type Endpoint = { route: RouteDef; handler: Handler<RouteDef> };

/** Pairs a contract route with its handler; the type ties the handler to the route's schemas. */
export const endpoint = <R extends RouteDef>(route: R, handler: Handler<R>): Endpoint => ({
  route,
  handler: handler as unknown as Handler<RouteDef>,
});

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function authenticate(
  deps: Deps,
  req: FastifyRequest,
): Promise<{ actor: Actor | null; presented: boolean; csrfOk: boolean }> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const r = await resolveSession(deps, auth.slice(7).trim(), 'token');
    if (!r.ok) throw sessionError(r.reason);
    return { actor: r.actor, presented: true, csrfOk: true };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) {
    const r = await resolveSession(deps, cookie, 'cookie');
    if (!r.ok) throw sessionError(r.reason);
    const header = req.headers['x-csrf-token'];
    const csrfOk = typeof header === 'string' && !!r.csrfToken && safeEqual(header, r.csrfToken);
    return { actor: r.actor, presented: true, csrfOk };
  }
  return { actor: null, presented: false, csrfOk: true };
}

const sessionError = (reason: 'expired' | 'disabled') =>
  reason === 'disabled'
    ? new AuthError('AUTH_ACCOUNT_DISABLED', { key: 'auth.disabled' })
    : new AuthError('AUTH_SESSION_EXPIRED', { key: 'auth.expired' });

/**
 * Registers a route: authenticate → CSRF → the route's declared access → validate → handler.
 * Access comes before validation so a caller without rights learns nothing from error details.
 */
export function mount(app: FastifyInstance, deps: Deps, { route, handler }: Endpoint) {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      const ctx: Ctx = {
        ...deps,
        log: req.log,
        actor: null,
        requestId: String(req.id),
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        locale,
        audited: false,
      };
      if (route.access.kind !== 'public') {
        const { actor, csrfOk } = await authenticate(deps, req);
        ctx.actor = actor;
        if (route.access.kind === 'customer') requireCustomer(actor);
        else if (route.access.permission) requirePermission(actor, route.access.permission);
        else requireStaff(actor);
        if (MUTATING.has(route.method) && !csrfOk)
          throw new ForbiddenError({ key: 'csrf.failed' }, 'CSRF_FAILED');
        if (actor?.kind === 'staff' && !req.headers['accept-language']) ctx.locale = actor.locale;
      }
      const input = {
        params: route.params ? parsePart(route.params, req.params, 'params', ctx.locale) : undefined,
        query: route.query ? parsePart(route.query, req.query, 'query', ctx.locale) : undefined,
        body: route.body ? parsePart(route.body, req.body, 'body', ctx.locale) : undefined,
      };
      const result = await handler(ctx, input as Parsed<RouteDef>, { req, reply });
      if (MUTATING.has(route.method) && !route.readOnly && !ctx.audited && deps.config.env !== 'production') {
        throw new Error(`${route.method} ${route.path} changed state without writing an audit entry`);
      }
      if (route.response && deps.config.validateResponses) {
        const check = route.response.safeParse(result);
        if (!check.success)
          throw new Error(
            `response of ${route.method} ${route.path} breaks its contract: ${check.error.message}`,
          );
      }
      reply.code(route.status ?? 200);
      return route.response ? result : reply.send();
    },
  });
}

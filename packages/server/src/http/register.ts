import fastifyMultipart from '@fastify/multipart';
import {
  type DownloadSpec,
  pickLocale,
  type RouteDef,
  type RouteOutput,
  type UploadSpec,
} from '@orderloop/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { requireCustomer, requirePermission, requireStaff } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { resolveSession, SESSION_COOKIE, safeEqual } from '../identity/sessions.ts';
import { AppError, AuthError, ForbiddenError } from '../lib/errors.ts';
import type { Ctx, Deps } from './context.ts';
import { fileTooLarge, MULTIPART_OVERHEAD, readMultipartFile } from './multipart.ts';
import { parsePart } from './validate.ts';

/**
 * An uploaded file as the handler of an upload route receives it; `filename` is the name a
 * multipart form sent it under (display only), null for a raw body.
 */
export type UploadedFile = { data: Buffer; contentType: string; filename: string | null };

type Parsed<R extends RouteDef> = {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : undefined;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : undefined;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
  file: R['upload'] extends UploadSpec ? UploadedFile : undefined;
};

/** A download route's handler answers through the reply (see sendDownload) and returns it. */
type Result<R extends RouteDef> = R['download'] extends DownloadSpec ? FastifyReply : RouteOutput<R>;

type Handler<R extends RouteDef> = (
  ctx: Ctx,
  input: Parsed<R>,
  http: { req: FastifyRequest; reply: FastifyReply },
) => Promise<Result<R>>;

/** Settings of an upload route that only the server knows. */
export type UploadOptions<R extends RouteDef = RouteDef> = {
  /** The deployment's size limit, instead of the contract's default. */
  maxBytes?: number;
  /**
   * Runs after the access check and before the body is read: e.g. that the record the file is for
   * exists and may be written, so nobody makes the server read a file it will refuse anyway.
   */
  precheck?: (ctx: Ctx, params: Parsed<R>['params']) => Promise<unknown>;
};

export type Endpoint = { route: RouteDef; handler: Handler<RouteDef>; upload?: UploadOptions };

/** Pairs a contract route with its handler; the type ties the handler to the route's schemas. */
export const endpoint = <R extends RouteDef>(
  route: R,
  handler: Handler<R>,
  upload?: UploadOptions<R>,
): Endpoint => ({
  route,
  handler: handler as unknown as Handler<RouteDef>,
  upload: upload as UploadOptions | undefined,
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

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyContextConfig {
    /** An upload route's spec, for the error handler (its limit and accepted types). */
    upload?: UploadSpec;
  }
}

/**
 * Registers a route: authenticate → CSRF → the route's declared access → validate → handler.
 * Access comes before validation so a caller without rights learns nothing from error details.
 *
 * An upload route lives in its own encapsulated context that parses only its declared content
 * types, as raw bytes (or, for a multipart route, one form file read by @fastify/multipart), up to
 * its own size limit; there the access checks — and the endpoint's precheck, if any — run in an
 * onRequest hook, before the body is read, so nobody unauthorised can make the server buffer a file.
 */
export function mount(app: FastifyInstance, deps: Deps, { route, handler, upload: options }: Endpoint) {
  if ((route.upload && route.body) || (route.download && route.response))
    throw new Error(`${route.method} ${route.path}: an upload has no JSON body, a download no JSON response`);
  const admitted = new WeakMap<FastifyRequest, Ctx>();

  const admit = async (req: FastifyRequest): Promise<Ctx> => {
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
    return ctx;
  };

  const spec = route.upload && { ...route.upload, maxBytes: options?.maxBytes ?? route.upload.maxBytes };
  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = admitted.get(req) ?? (await admit(req));
    const input = {
      params: route.params ? parsePart(route.params, req.params, 'params', ctx.locale) : undefined,
      query: route.query ? parsePart(route.query, req.query, 'query', ctx.locale) : undefined,
      body: route.body ? parsePart(route.body, req.body, 'body', ctx.locale) : undefined,
      file: !spec
        ? undefined
        : spec.multipart
          ? await readMultipartFile(req, spec.multipart.field, spec.maxBytes)
          : uploadedFile(req),
    };
    const dryRun =
      route.dryRunParam !== undefined &&
      (input.query as Record<string, unknown> | undefined)?.[route.dryRunParam] === 'true';
    const result = await handler(ctx, input as Parsed<RouteDef>, { req, reply });
    if (route.download) return result;
    if (MUTATING.has(route.method) && !route.readOnly && deps.config.env !== 'production') {
      if (dryRun && ctx.audited)
        throw new Error(`dry run of ${route.method} ${route.path} wrote an audit entry, so it changed state`);
      if (!dryRun && !ctx.audited)
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
  };

  if (!spec) {
    app.route({ method: route.method, url: route.path, handler: handle });
    return;
  }
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    if (spec.multipart) {
      // one file; a few stray form fields (a mini-program's uploadFile may add some) are ignored
      await scope.register(fastifyMultipart, {
        limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
        throwFileSizeLimit: true,
      });
    } else {
      scope.addContentTypeParser(
        [...spec.contentTypes],
        { parseAs: 'buffer', bodyLimit: spec.maxBytes },
        (_req, body, done) => done(null, body),
      );
    }
    scope.route({
      method: route.method,
      url: route.path,
      bodyLimit: spec.multipart ? spec.maxBytes + MULTIPART_OVERHEAD : spec.maxBytes,
      config: { upload: spec },
      onRequest: async (req) => {
        const ctx = await admit(req);
        admitted.set(req, ctx);
        // a declared length already past the limit is refused before a byte is read
        if (spec.multipart && Number(req.headers['content-length']) > spec.maxBytes + MULTIPART_OVERHEAD)
          throw fileTooLarge(spec.maxBytes);
        if (options?.precheck) {
          const params = route.params ? parsePart(route.params, req.params, 'params', ctx.locale) : undefined;
          await options.precheck(ctx, params as never);
        }
      },
      handler: handle,
    });
  });
}

/** The raw body of an upload route; a request without one is a 400 naming the body. */
function uploadedFile(req: FastifyRequest): UploadedFile {
  const data = req.body;
  if (!Buffer.isBuffer(data) || data.length === 0) {
    const err = new AppError('VALIDATION_FAILED', { key: 'upload.missing' });
    err.fields = [{ field: 'body', code: 'required', message: '' }];
    throw err;
  }
  return { data, contentType: String(req.headers['content-type'] ?? ''), filename: null };
}

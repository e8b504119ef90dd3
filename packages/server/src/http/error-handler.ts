import {
  type ErrorCode,
  errorStatus,
  errorTitles,
  type Locale,
  type Problem,
  pickLocale,
  problemTypeUri,
  translate,
} from '@orderloop/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isUniqueViolation } from '../lib/errors.ts';

function problem(
  code: ErrorCode,
  locale: Locale,
  detail: string,
  req: FastifyRequest,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: problemTypeUri(code),
    title: errorTitles[code][locale],
    status: errorStatus[code],
    code,
    detail,
    instance: req.url.split('?')[0],
    requestId: String(req.id),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}) {
  return reply
    .code(p.status)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(p));
}

/** Fastify's own 4xx errors (body parsing, media types), named by their codes. */
function frameworkError(
  err: FastifyError,
  locale: Locale,
  req: FastifyRequest,
  serverBodyLimit: number,
): Problem | null {
  // an upload route has its own limit and content types
  const bodyLimit = req.routeOptions?.bodyLimit ?? serverBodyLimit;
  const upload = req.routeOptions?.config?.upload;
  const tooLarge = () =>
    problem('PAYLOAD_TOO_LARGE', locale, translate(locale, 'body.tooLarge', { limit: bodyLimit }), req);
  const mediaType = () => {
    const type = String(req.headers['content-type'] ?? '-');
    return problem(
      'UNSUPPORTED_MEDIA_TYPE',
      locale,
      upload
        ? translate(locale, 'body.uploadType', { type, accepted: upload.contentTypes.join(', ') })
        : translate(locale, 'body.mediaType', { type }),
      req,
    );
  };
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return mediaType();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('BAD_JSON', locale, translate(locale, 'body.badJson', { reason: err.message }), req);
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return problem('BAD_JSON', locale, translate(locale, 'body.badJson', { reason: err.message }), req);
  }
  if (err.statusCode === 413) return tooLarge();
  if (err.statusCode === 415) return mediaType();
  return null;
}

/** The one place errors become HTTP answers. */
export function installErrorHandling(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    if (err instanceof AppError) {
      const detail = translate(locale, err.detail.key, err.detail.vars);
      const p = problem(err.code, locale, detail, req, {
        // a field error raised by a service carries the same sentence as the detail
        ...(err.fields ? { fields: err.fields.map((f) => ({ ...f, message: f.message || detail })) } : {}),
        ...(err.meta ? { meta: err.meta } : {}),
      });
      if (p.status >= 500) req.log.error({ err }, 'request failed');
      return sendProblem(reply, p, err.headers);
    }
    if (isUniqueViolation(err)) {
      return sendProblem(reply, problem('ALREADY_EXISTS', locale, errorTitles.ALREADY_EXISTS[locale], req));
    }
    const fw = frameworkError(err, locale, req, bodyLimit);
    if (fw) {
      req.log.info({ code: (err as FastifyError).code, reason: (err as Error).message }, 'client error');
      return sendProblem(reply, fw);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(
      reply,
      problem('INTERNAL', locale, translate(locale, 'internal', { requestId: String(req.id) }), req),
    );
  });

  app.setNotFoundHandler((req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const url = req.url.split('?')[0] ?? '';
    return sendProblem(
      reply,
      problem(
        'ROUTE_NOT_FOUND',
        locale,
        translate(locale, 'route.notFound', { method: req.method, url }),
        req,
      ),
    );
  });
}

/**
 * Fastify's router refusals that happen before any route runs (a path parameter past its length
 * limit, a malformed percent-encoding): a 400 problem like any other bad input, not Fastify's own JSON.
 */
export function routerError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const locale = pickLocale(req.headers['accept-language']);
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const message = tooLong ? 'a path parameter is too long' : 'the URL is not validly encoded';
  return sendProblem(
    reply,
    problem('VALIDATION_FAILED', locale, translate(locale, 'validation.failed', { count: 1 }), req, {
      fields: [{ field: tooLong ? 'params' : 'url', code: tooLong ? 'too_long' : 'invalid_format', message }],
    }),
  );
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers or URL over the size
 * limit, malformed request lines): answered as a problem on the raw socket, then closed.
 */
export function clientError(err: Error & { code?: string }, socket: import('node:stream').Duplex) {
  if (!socket.writable) return void socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: problemTypeUri(tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED'),
    title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
    status,
    code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
    detail: tooLarge ? 'The URL or headers are larger than the server accepts.' : 'The request is malformed.',
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

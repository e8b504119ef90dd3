import { z } from 'zod';
import { errorCodes, errorStatus, problemSchema } from './errors.ts';
import type { RouteDef } from './route.ts';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

/** Builds the OpenAPI 3.1 document from the route table: the one source of truth for every surface. */
export function buildOpenApi(routes: Record<string, RouteDef>, info: { version: string }): Json {
  const components: Record<string, Json> = {};

  const convert = (schema: z.ZodType, io: Io): Json => {
    const suffix = io === 'input' ? 'Input' : '';
    const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    const { $schema: _, $defs, ...rest } = raw as Json & { $defs?: Record<string, Json> };
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (!node || typeof node !== 'object') return node;
      const out: Json = {};
      for (const [k, v] of Object.entries(node)) {
        out[k] =
          k === '$ref' && typeof v === 'string'
            ? v.replace('#/$defs/', '#/components/schemas/').concat(suffix)
            : rewrite(v);
      }
      return out;
    };
    for (const [id, def] of Object.entries($defs ?? {})) components[`${id}${suffix}`] = rewrite(def) as Json;
    return rewrite(rest) as Json;
  };

  const problemRef = { $ref: '#/components/schemas/Problem' };
  components.Problem = convert(problemSchema, 'output');

  const paths: Record<string, Record<string, Json>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: Json[] = [];
    const addParams = (obj: z.ZodObject | undefined, where: 'path' | 'query') => {
      if (!obj) return;
      const schema = convert(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || !!schema.required?.includes(name),
          schema: s,
        });
      }
    };
    addParams(route.params, 'path');
    addParams(route.query, 'query');
    if (route.idempotency) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: route.idempotency === 'required',
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      });
    }

    const status = String(route.status ?? 200);
    const binary = { type: 'string', format: 'binary' };
    const responses: Json = {
      [status]: route.download?.contentTypes.includes('text/event-stream')
        ? {
            description: 'A stream of server-sent events (text/event-stream), open until the client leaves',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          }
        : route.download
          ? {
              description: 'The file, as an attachment',
              headers: {
                'Content-Disposition': {
                  description: 'attachment; filename="…" (plus RFC 5987 filename* for non-ASCII names)',
                  schema: { type: 'string' },
                },
              },
              content: Object.fromEntries(route.download.contentTypes.map((t) => [t, { schema: binary }])),
            }
          : route.response
            ? {
                description: 'Success',
                content: { 'application/json': { schema: convert(route.response, 'output') } },
              }
            : { description: 'Success, no content' },
    };
    for (const code of new Set(errorCodes.map((c) => errorStatus[c]))) {
      if (code === 500 || code === 503 || (route.access.kind === 'public' && (code === 401 || code === 403)))
        continue;
      responses[String(code)] = { $ref: `#/components/responses/Problem${code}` };
    }
    responses.default = {
      description: 'Problem',
      content: { 'application/problem+json': { schema: problemRef } },
    };

    const security = route.access.kind === 'public' ? [] : [{ sessionCookie: [] }, { bearer: [] }];
    const permission = route.access.kind === 'staff' ? route.access.permission : null;
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      description:
        route.access.kind === 'public'
          ? 'Public.'
          : route.access.kind === 'customer'
            ? 'Signed-in customer.'
            : permission
              ? `Requires \`${permission}\`; results and targets limited by the grant's data scope.`
              : 'Any signed-in staff user.',
      'x-access': route.access,
      security,
      parameters,
      ...(route.upload?.multipart
        ? {
            requestBody: {
              required: true,
              description: `A form with one file in \`${route.upload.multipart.field}\`, by default at most ${route.upload.maxBytes} bytes.`,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: { [route.upload.multipart.field]: binary },
                    required: [route.upload.multipart.field],
                  },
                },
              },
            },
            'x-max-body-bytes': route.upload.maxBytes,
          }
        : route.upload
          ? {
              requestBody: {
                required: true,
                description: `The file's bytes as the whole body, at most ${route.upload.maxBytes} bytes.`,
                content: Object.fromEntries(route.upload.contentTypes.map((t) => [t, { schema: binary }])),
              },
              'x-max-body-bytes': route.upload.maxBytes,
            }
          : route.body
            ? {
                requestBody: {
                  required: true,
                  content: { 'application/json': { schema: convert(route.body, 'input') } },
                },
              }
            : {}),
      responses,
    };
  }

  const problemResponses: Json = {};
  for (const code of new Set(errorCodes.map((c) => errorStatus[c]))) {
    problemResponses[`Problem${code}`] = {
      description: errorCodes.filter((c) => errorStatus[c] === code).join(', '),
      content: { 'application/problem+json': { schema: problemRef } },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Orderloop API',
      version: info.version,
      description:
        'Every error is `application/problem+json` with a stable `code`, the offending `fields` and the `requestId`. ' +
        'Cookie sessions must send `X-CSRF-Token` on state-changing requests.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      responses: problemResponses,
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ol_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

import { z } from 'zod';

// Stable machine-readable codes; clients branch on these, never on messages.
export const errorCodes = [
  'VALIDATION_FAILED',
  'BAD_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FILE_TYPE',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_SESSION_EXPIRED',
  'AUTH_ACCOUNT_LOCKED',
  'AUTH_ACCOUNT_DISABLED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_EXISTS',
  'RATE_LIMITED',
  'FEATURE_DISABLED',
  'OUT_OF_STOCK',
  'TRANSITION_NOT_ALLOWED',
  'VERSION_CONFLICT',
  'APPROVAL_PENDING',
  'WORKFLOW_INVALID',
  'EXPORT_TOO_LARGE',
  'GONE',
  'IDEMPOTENCY_KEY_MISSING',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_SESSION_EXPIRED: 401,
  AUTH_ACCOUNT_LOCKED: 423,
  AUTH_ACCOUNT_DISABLED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  RATE_LIMITED: 429,
  FEATURE_DISABLED: 404,
  OUT_OF_STOCK: 409,
  TRANSITION_NOT_ALLOWED: 409,
  VERSION_CONFLICT: 409,
  APPROVAL_PENDING: 409,
  WORKFLOW_INVALID: 422,
  EXPORT_TOO_LARGE: 422,
  GONE: 410,
  IDEMPOTENCY_KEY_MISSING: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const fieldErrorSchema = z.object({
  field: z.string().describe('Dotted path of the offending field, e.g. `body.lines.0.quantity`'),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, extended with our stable code, fields and request id. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(errorCodes),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const problemTypeUri = (code: ErrorCode) =>
  `https://orderloop.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;

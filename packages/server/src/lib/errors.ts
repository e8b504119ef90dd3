import type { ErrorCode, FieldError, MessageKey } from '@orderloop/contract';

type Detail = { key: MessageKey; vars?: Record<string, string | number> };

/** Base of the few domain errors; mapped to problem+json in one place (http/error-handler.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: Detail;
  fields?: FieldError[];
  meta?: Record<string, unknown>;
  headers?: Record<string, string>;
  constructor(code: ErrorCode, detail: Detail) {
    super(`${code}: ${detail.key}`);
    this.code = code;
    this.detail = detail;
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super('VALIDATION_FAILED', { key: 'validation.failed', vars: { count: fields.length } });
    this.fields = fields;
  }
}

export type AuthCode =
  | 'AUTH_REQUIRED'
  | 'AUTH_INVALID_CREDENTIALS'
  | 'AUTH_SESSION_EXPIRED'
  | 'AUTH_ACCOUNT_LOCKED'
  | 'AUTH_ACCOUNT_DISABLED';
export class AuthError extends AppError {
  constructor(code: AuthCode, detail: Detail) {
    super(code, detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: Detail, code: 'FORBIDDEN' | 'CSRF_FAILED' = 'FORBIDDEN') {
    super(code, detail);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string) {
    super('NOT_FOUND', { key: 'notFound.entity', vars: { entity } });
    this.meta = { entity };
  }
}

export class ConflictError extends AppError {
  constructor(code: 'CONFLICT' | 'ALREADY_EXISTS', detail: Detail, field?: string) {
    super(code, detail);
    if (field) this.fields = [{ field, code, message: '' }];
  }
}

/** A workflow refusal: not allowed from this state, someone else was faster, or approval pending. */
export class WorkflowError extends AppError {
  constructor(
    code: 'TRANSITION_NOT_ALLOWED' | 'VERSION_CONFLICT' | 'APPROVAL_PENDING' | 'WORKFLOW_INVALID',
    detail: Detail,
    meta?: Record<string, unknown>,
  ) {
    super(code, detail);
    if (meta) this.meta = meta;
  }
}

export class RateLimitError extends AppError {
  constructor(retryAfterSeconds: number, detail: Detail) {
    super('RATE_LIMITED', detail);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
    this.meta = { retryAfterSeconds };
  }
}

export class FeatureDisabledError extends AppError {
  constructor(detail: Detail) {
    super('FEATURE_DISABLED', detail);
  }
}

/** Postgres unique violation, so services can turn it into ALREADY_EXISTS on the right field. */
export const isUniqueViolation = (err: unknown): err is { code: string; constraint?: string } => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};
export const constraintOf = (err: unknown): string | undefined => {
  const e = err as { constraint?: string; cause?: { constraint?: string } };
  return e?.constraint ?? e?.cause?.constraint;
};

export class OutOfStockError extends AppError {
  constructor(sku: string, wanted: number, available: number, field: string) {
    super('OUT_OF_STOCK', { key: 'stock.out', vars: { sku, wanted, available } });
    this.fields = [{ field, code: 'out_of_stock', message: '' }];
    this.meta = { sku, wanted, available };
  }
}

export class IdempotencyError extends AppError {
  constructor(code: 'IDEMPOTENCY_KEY_MISSING' | 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_IN_PROGRESS') {
    const key =
      code === 'IDEMPOTENCY_KEY_MISSING'
        ? 'idempotency.missing'
        : code === 'IDEMPOTENCY_KEY_REUSED'
          ? 'idempotency.reused'
          : 'idempotency.running';
    super(code, { key });
    if (code === 'IDEMPOTENCY_IN_PROGRESS') this.headers = { 'retry-after': '1' };
  }
}

import type { z } from 'zod';
import type { Permission } from './permissions.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Every route must declare one: the access-matrix tests are generated from
 * this table, so a route without a rule cannot be added silently.
 * - `staff` with a permission: signed-in staff holding it (the service then applies its data scope)
 * - `staff` with `permission: null`: any signed-in staff member (their own session, profile)
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'staff'; permission: Permission | null }
  | { kind: 'customer' };

export type RouteDef = {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType | null;
  status?: 200 | 201 | 204;
  /** A POST that computes without changing anything (a quote): exempt from the audit requirement. */
  readOnly?: true;
  /** Whether the route takes an Idempotency-Key header. */
  idempotency?: 'optional' | 'required';
};

export const defineRoute = <const R extends RouteDef>(route: R): R => route;

type Infer<T> = T extends z.ZodType ? z.input<T> : never;
type Opt<K extends string, T> = [T] extends [never] ? { [P in K]?: never } : { [P in K]: T };

export type RouteInput<R extends RouteDef> = Opt<'params', Infer<R['params']>> &
  Opt<'query', Partial<Infer<R['query']>>> &
  Opt<'body', Infer<R['body']>> & { idempotencyKey?: string; headers?: Record<string, string> };

export type RouteOutput<R extends RouteDef> = R['response'] extends z.ZodType
  ? z.output<R['response']>
  : undefined;

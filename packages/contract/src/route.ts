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

/**
 * A route whose request body is a file (CSV, XLSX…) rather than JSON: the raw bytes reach the
 * handler as a Buffer, only these content types are parsed (anything else is a 415), and the
 * route's own size limit applies instead of the JSON body limit (past it, a 413).
 *
 * With `multipart`, the body is `multipart/form-data` carrying one file in the named field (what a
 * browser form and a mini-program's uploadFile send), and the file keeps the name it was sent with.
 */
export type UploadSpec = {
  contentTypes: readonly string[];
  maxBytes: number;
  multipart?: { field: string };
};

/**
 * A route that answers a file (streamed, with a Content-Disposition) instead of JSON — or, with
 * `text/event-stream`, a stream of server-sent events that stays open; neither is checked against
 * a response schema, and the typed client is not how one reads an event stream (use EventSource).
 */
export type DownloadSpec = { contentTypes: readonly string[] };

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
  /**
   * A boolean query parameter (`'true'`/`'false'`) that turns the call into a dry run: it then
   * changes nothing, so it needs no audit entry — and the server refuses one that writes any.
   */
  dryRunParam?: string;
  /** Whether the route takes an Idempotency-Key header. */
  idempotency?: 'optional' | 'required';
  /** The body is a file of one of these types, not JSON (`body` must then be absent). */
  upload?: UploadSpec;
  /** The answer is a file of one of these types (`response` must then be null). */
  download?: DownloadSpec;
};

export const defineRoute = <const R extends RouteDef>(route: R): R => route;

type Infer<T> = T extends z.ZodType ? z.input<T> : never;
type Opt<K extends string, T> = [T] extends [never] ? { [P in K]?: never } : { [P in K]: T };

/** A file to upload: the bytes and one of the route's content types. */
export type FileInput<T extends string = string> = { data: Blob | Uint8Array; contentType: T };
/** A file sent as a multipart form field: its name travels with it; its type is the server's to judge. */
export type MultipartFileInput = { data: Blob | Uint8Array; filename: string; contentType?: string };
type FileOf<R extends RouteDef> = R['upload'] extends { multipart: object }
  ? MultipartFileInput
  : R['upload'] extends UploadSpec
    ? FileInput<R['upload']['contentTypes'][number]>
    : never;

export type RouteInput<R extends RouteDef> = Opt<'params', Infer<R['params']>> &
  Opt<'query', Partial<Infer<R['query']>>> &
  Opt<'body', Infer<R['body']>> &
  Opt<'file', FileOf<R>> & { idempotencyKey?: string; headers?: Record<string, string> };

/** What a download route gives the client: the bytes, the server's file name and content type. */
export type Download = { data: Blob; filename: string | null; contentType: string };

export type RouteOutput<R extends RouteDef> = R['download'] extends DownloadSpec
  ? Download
  : R['response'] extends z.ZodType
    ? z.output<R['response']>
    : undefined;

import { type orderExportQuery, spreadsheetTypes } from '@orderloop/contract';
import { asc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { effectiveScope, requirePermission, type Scope } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/connect.ts';
import { stores } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { contentDisposition, sendDownload } from '../http/download.ts';
import { AppError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { countRows } from './rows.ts';
import { type ExportSpec, exportFilename, writeOrderExport } from './write.ts';

/**
 * Who may export what: `exports.run` lets one export at all; the rows are those the caller's
 * `orders.read` grants reach, exactly as in the order list (none without such a grant).
 */
export function exportScope(ctx: Ctx): { actor: StaffActor; scope: Scope | null } {
  const { actor } = requirePermission(ctx.actor, 'exports.run');
  return { actor, scope: effectiveScope(actor, 'orders.read') };
}

export const contentTypeOf = (format: 'csv' | 'xlsx') =>
  format === 'xlsx' ? spreadsheetTypes.xlsx : `${spreadsheetTypes.csv}; charset=utf-8`;

/** "20261122" in the time zone of the business's first store. */
export async function businessDay(db: DbOrTx, businessId: string, now: Date): Promise<string> {
  const [first] = await db
    .select({ timezone: stores.timezone })
    .from(stores)
    .where(eq(stores.businessId, businessId))
    .orderBy(asc(stores.code))
    .limit(1);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: first?.timezone ?? 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .replaceAll('-', '');
}

/**
 * Fastify answers HEAD on every GET route by running its handler and dropping the body; for a
 * download that would run (and audit) the whole export. A HEAD gets the headers only.
 */
export function answerHead(
  req: FastifyRequest,
  reply: FastifyReply,
  contentType: string,
  name: { filename: string; asciiFilename: string },
): FastifyReply | null {
  if (req.method !== 'HEAD') return null;
  return reply
    .code(200)
    .type(contentType)
    .header('content-disposition', contentDisposition(name.filename, name.asciiFilename))
    .header('cache-control', 'no-store')
    .send();
}

/**
 * The direct download: counts first (stopping past the limit), so an export too large for one
 * request is refused before any byte is sent; audited with its filter and row count; then streamed.
 */
export async function exportOrdersDirect(
  ctx: Ctx,
  q: z.output<typeof orderExportQuery>,
  { req, reply }: { req: FastifyRequest; reply: FastifyReply },
) {
  const { actor, scope } = exportScope(ctx);
  const { sort, format, granularity, columns, ...filter } = q;
  const spec: ExportSpec = { filter, sort, format, granularity, columns };
  const name = exportFilename(spec, ctx.locale, await businessDay(ctx.db, actor.businessId, ctx.clock.now()));
  const head = answerHead(req, reply, contentTypeOf(format), name);
  if (head) return head;

  const max = ctx.config.exportDirectMaxRows;
  const rows = await countRows(ctx.db, scope, filter, granularity, max + 1);
  if (rows > max) {
    const err = new AppError('EXPORT_TOO_LARGE', { key: 'export.tooLarge', vars: { max } });
    err.meta = { maxRows: max };
    throw err;
  }
  await recordAudit(ctx.db, ctx, {
    action: 'orders.exported',
    entityType: 'order_export',
    entityId: newId(),
    after: { mode: 'direct', format, granularity, columns, filter, sort, rows },
  });
  return sendDownload(reply, {
    contentType: contentTypeOf(format),
    ...name,
    write: (out) =>
      writeOrderExport(out, ctx.db, { businessId: actor.businessId, scope, spec, locale: ctx.locale }).then(
        () => undefined,
      ),
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { createOrderExportSchema, OrderExportJob } from '@orderloop/contract';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { orderExportJobs } from '../db/order-tools-schema.ts';
import type { Ctx } from '../http/context.ts';
import { sendDownload } from '../http/download.ts';
import { AppError, ConflictError, NotFoundError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { answerHead, contentTypeOf, exportScope } from './direct.ts';
import type { ExportRunner } from './runner.ts';

type JobRow = typeof orderExportJobs.$inferSelect;

const toJob = (j: JobRow): OrderExportJob => ({
  id: j.id,
  status: j.status,
  format: j.format,
  granularity: j.granularity,
  filter: j.filter,
  sort: j.sort as OrderExportJob['sort'],
  columns: j.columns,
  rowCount: j.rowCount,
  filename: j.filename,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
  expiresAt: j.expiresAt?.toISOString() ?? null,
});

/** Queues an export; the runner starts on it once the job is committed. */
export async function createExportJob(
  ctx: Ctx,
  input: z.output<typeof createOrderExportSchema>,
  runner: ExportRunner,
): Promise<OrderExportJob> {
  const { actor } = exportScope(ctx);
  const job = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orderExportJobs)
      .values({
        id: newId(),
        businessId: actor.businessId,
        userId: actor.userId,
        status: 'queued',
        format: input.format,
        granularity: input.granularity,
        filter: input.filter,
        sort: input.sort,
        columns: input.columns,
        locale: ctx.locale,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'orders.export_requested',
      entityType: 'order_export',
      entityId: row!.id,
      after: {
        format: input.format,
        granularity: input.granularity,
        columns: input.columns,
        filter: input.filter,
        sort: input.sort,
      },
    });
    return row!;
  });
  runner.kick();
  return toJob(job);
}

/** A job of the caller's own; anyone else's answers as if it did not exist. */
async function ownJob(ctx: Ctx, id: string): Promise<JobRow> {
  const { actor } = exportScope(ctx);
  const [job] = await ctx.db
    .select()
    .from(orderExportJobs)
    .where(
      and(
        eq(orderExportJobs.id, id),
        eq(orderExportJobs.businessId, actor.businessId),
        eq(orderExportJobs.userId, actor.userId),
      ),
    );
  if (!job) throw new NotFoundError('export');
  return job;
}

export async function listExportJobs(ctx: Ctx): Promise<OrderExportJob[]> {
  const { actor } = exportScope(ctx);
  const rows = await ctx.db
    .select()
    .from(orderExportJobs)
    .where(and(eq(orderExportJobs.businessId, actor.businessId), eq(orderExportJobs.userId, actor.userId)))
    .orderBy(desc(orderExportJobs.createdAt), desc(orderExportJobs.id))
    .limit(50);
  return rows.map(toJob);
}

export async function getExportJob(ctx: Ctx, id: string): Promise<OrderExportJob> {
  return toJob(await ownJob(ctx, id));
}

export async function downloadExportJob(
  ctx: Ctx,
  id: string,
  http: { req: FastifyRequest; reply: FastifyReply },
) {
  const job = await ownJob(ctx, id);
  if (job.status === 'expired' || (job.expiresAt && job.expiresAt <= ctx.clock.now()))
    throw new AppError('GONE', { key: 'export.expired' });
  if (job.status !== 'done' || !job.filePath || !job.filename)
    throw new ConflictError('CONFLICT', { key: 'export.notReady', vars: { status: job.status } });
  const file = path.join(ctx.config.dataDir, job.filePath);
  if (!fs.existsSync(file)) throw new AppError('GONE', { key: 'export.expired' });
  const name = { filename: job.filename, asciiFilename: `orders-${job.id}.${job.format}` };
  const head = answerHead(http.req, http.reply, contentTypeOf(job.format), name);
  if (head) return head;
  return sendDownload(http.reply, {
    contentType: contentTypeOf(job.format),
    ...name,
    write: (out) => pipeline(fs.createReadStream(file), out),
  });
}

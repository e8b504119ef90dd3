import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { orderFilterSchema } from '@orderloop/contract';
import { and, eq, lt, sql } from 'drizzle-orm';
import { effectiveScope } from '../access/access.ts';
import type { StaffActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { orderExportJobs } from '../db/order-tools-schema.ts';
import { users } from '../db/schema.ts';
import type { Ctx, Deps } from '../http/context.ts';
import { staffActor } from '../identity/sessions.ts';
import { newToken } from '../lib/ids.ts';
import { businessDay } from './direct.ts';
import { type ExportSpec, exportFilename, writeOrderExport } from './write.ts';

type JobRow = typeof orderExportJobs.$inferSelect;

export type ExportRunner = {
  /** Looks for work now (after a job was queued); returns at once. */
  kick: () => void;
  /** Picks up what is queued or was left running by a process that died, then polls. */
  start: () => Promise<void>;
  /** Stops polling; a job in progress is put back in the queue for the next start. */
  stop: () => Promise<void>;
  /** Test support: resolves when the runner is idle. */
  idle: () => Promise<void>;
};

export type ExportRunnerOptions = {
  leaseMs?: number;
  pollMs?: number;
  /** How long a finished file is kept for download. */
  keepMs?: number;
  maxAttempts?: number;
};

export const EXPORT_KEEP_MS = 7 * 86_400_000;

/** The job's file, relative to the data folder. */
export const exportFilePath = (job: Pick<JobRow, 'id' | 'format'>) =>
  path.join('exports', `${job.id}.${job.format}`);

class Stopped extends Error {}
class LeaseLost extends Error {}

/**
 * Works export jobs in this process, one at a time. A job is claimed by a conditional UPDATE
 * (… WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)), so of several processes exactly one takes it;
 * the claim is a lease renewed while the file is written. If the process dies, the lease runs out
 * and another process (or this one, restarted) claims the job again, up to `maxAttempts` times.
 * Every write of the job's outcome is conditional on the claim token, so a runner that lost its
 * lease can never overwrite the outcome of the one that took over.
 */
export function createExportRunner(deps: Deps, opts: ExportRunnerOptions = {}): ExportRunner {
  const { db, clock, config, log } = deps;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 30_000;
  const keepMs = opts.keepMs ?? EXPORT_KEEP_MS;
  const maxAttempts = opts.maxAttempts ?? 3;
  let loop: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<AbortController>();
  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  async function claim(): Promise<(JobRow & { claimToken: string }) | null> {
    const now = clock.now();
    const token = newToken(12);
    const next = sql`(SELECT id FROM ${orderExportJobs}
      WHERE status = 'queued' OR (status = 'running' AND lease_until < ${now})
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`;
    const [job] = await db
      .update(orderExportJobs)
      .set({
        status: 'running',
        claimToken: token,
        leaseUntil: later(leaseMs),
        attempts: sql`${orderExportJobs.attempts} + 1`,
        startedAt: sql`COALESCE(${orderExportJobs.startedAt}, ${now})`,
      })
      .where(eq(orderExportJobs.id, next))
      .returning();
    return job ? { ...job, claimToken: token } : null;
  }

  const mine = (job: JobRow & { claimToken: string }) =>
    and(eq(orderExportJobs.id, job.id), eq(orderExportJobs.claimToken, job.claimToken));

  /** The job's owner as they are now: a disabled user or a revoked grant stops the export. */
  async function ownerOf(job: JobRow): Promise<StaffActor | null> {
    const [u] = await db.select().from(users).where(eq(users.id, job.userId));
    if (u?.status !== 'active') return null;
    return staffActor(db, u, { id: '', mode: 'token' });
  }

  function jobCtx(job: JobRow, actor: StaffActor | null): Ctx {
    return {
      ...deps,
      actor,
      requestId: `export-job:${job.id}`,
      ip: '',
      userAgent: null,
      locale: job.locale,
      audited: false,
    };
  }

  async function run(job: JobRow & { claimToken: string }) {
    const ac = new AbortController();
    running.add(ac);
    const renew = setInterval(() => {
      db.update(orderExportJobs)
        .set({ leaseUntil: later(leaseMs) })
        .where(mine(job))
        .returning({ id: orderExportJobs.id })
        .then((r) => r.length === 0 && ac.abort(new LeaseLost()))
        .catch((err: unknown) => log.warn({ err, job: job.id }, 'export lease renewal failed'));
    }, leaseMs / 3);
    const file = path.resolve(config.dataDir, exportFilePath(job));
    const part = `${file}.part`;
    let actor: StaffActor | null = null;
    try {
      if (job.attempts > maxAttempts) throw new Error(`gave up after ${maxAttempts} attempts`);
      actor = await ownerOf(job);
      if (!actor || !effectiveScope(actor, 'exports.run'))
        throw new Error('the owner may no longer run exports');
      const spec: ExportSpec = {
        filter: orderFilterSchema.parse(job.filter),
        sort: job.sort as ExportSpec['sort'],
        format: job.format,
        granularity: job.granularity,
        columns: job.columns as ExportSpec['columns'],
      };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const out = fs.createWriteStream(part);
      let rows: number;
      try {
        rows = await writeOrderExport(out, db, {
          businessId: job.businessId,
          scope: effectiveScope(actor, 'orders.read'),
          spec,
          locale: job.locale,
          signal: ac.signal,
        });
        await finished(out);
      } finally {
        out.destroy();
      }
      fs.renameSync(part, file);
      const day = await businessDay(db, job.businessId, clock.now());
      const { filename } = exportFilename(spec, job.locale, day);
      const owner = actor;
      await db.transaction(async (tx) => {
        const done = await tx
          .update(orderExportJobs)
          .set({
            status: 'done',
            rowCount: rows,
            filePath: exportFilePath(job),
            filename,
            error: null,
            finishedAt: clock.now(),
            expiresAt: later(keepMs),
            claimToken: null,
            leaseUntil: null,
          })
          .where(mine(job))
          .returning({ id: orderExportJobs.id });
        if (!done.length) throw new LeaseLost();
        await recordAudit(tx, jobCtx(job, owner), {
          action: 'orders.exported',
          entityType: 'order_export',
          entityId: job.id,
          after: {
            mode: 'job',
            format: job.format,
            granularity: job.granularity,
            columns: job.columns,
            filter: job.filter,
            sort: job.sort,
            rows,
          },
        });
      });
    } catch (err) {
      fs.rmSync(part, { force: true });
      const reason = ac.signal.aborted ? ac.signal.reason : err;
      if (reason instanceof LeaseLost) {
        log.warn({ job: job.id }, 'export lease lost; another process took the job over');
      } else if (reason instanceof Stopped) {
        // shutting down: back to the queue, and this attempt does not count
        await db
          .update(orderExportJobs)
          .set({
            status: 'queued',
            claimToken: null,
            leaseUntil: null,
            attempts: sql`${orderExportJobs.attempts} - 1`,
          })
          .where(mine(job));
      } else {
        log.error({ err, job: job.id }, 'export failed');
        await db.transaction(async (tx) => {
          const failed = await tx
            .update(orderExportJobs)
            .set({
              status: 'failed',
              error: (err as Error).message.slice(0, 500),
              finishedAt: clock.now(),
              claimToken: null,
              leaseUntil: null,
            })
            .where(mine(job))
            .returning({ id: orderExportJobs.id });
          if (failed.length)
            await recordAudit(tx, jobCtx(job, actor), {
              action: 'orders.export_failed',
              entityType: 'order_export',
              entityId: job.id,
              businessId: job.businessId,
              actor: { type: 'user', id: job.userId, name: actor?.displayName ?? null },
              after: { error: (err as Error).message.slice(0, 500) },
            });
        });
      }
    } finally {
      clearInterval(renew);
      running.delete(ac);
    }
  }

  /** Deletes the files of jobs past their expiry; the job stays, as `expired`. */
  async function sweep() {
    const gone = await db
      .update(orderExportJobs)
      .set({ status: 'expired', filePath: null })
      .where(and(eq(orderExportJobs.status, 'done'), lt(orderExportJobs.expiresAt, clock.now())))
      .returning({ id: orderExportJobs.id, format: orderExportJobs.format });
    for (const job of gone) fs.rmSync(path.join(config.dataDir, exportFilePath(job)), { force: true });
  }

  function kick() {
    if (stopped) return;
    if (loop) {
      again = true;
      return;
    }
    loop = (async () => {
      do {
        again = false;
        for (let job = await claim(); job && !stopped; job = stopped ? null : await claim()) await run(job);
      } while (again && !stopped);
    })()
      .catch((err: unknown) => log.error({ err }, 'export runner failed'))
      .finally(() => {
        loop = null;
      });
  }

  return {
    kick,
    async start() {
      stopped = false;
      await sweep().catch((err: unknown) => log.error({ err }, 'export sweep failed'));
      kick();
      timer = setInterval(() => {
        sweep().catch((err: unknown) => log.error({ err }, 'export sweep failed'));
        kick();
      }, pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const ac of running) ac.abort(new Stopped());
      await loop;
    },
    async idle() {
      while (loop) await loop;
    },
  };
}

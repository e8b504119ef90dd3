import type { Integration, IntegrationTest } from '@orderloop/contract';
import { and, asc, desc, eq } from 'drizzle-orm';
import { requirePermission } from '../access/access.ts';
import { recordAudit } from '../audit/record.ts';
import { webhookEndpoints } from '../db/notify-schema.ts';
import { auditLog } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { type CheckResult, checkErp, checkSmtp, checkWebhook, maskUrl } from './checks.ts';

const TESTED = 'integration.tested';

type Entry = Omit<Integration, 'lastTest'> & { run: () => Promise<CheckResult> };

/** Every integration of the actor's business, each with the check that tests it. */
async function entries(ctx: Ctx, businessId: string): Promise<Entry[]> {
  const { smtpUrl, webhookTimeoutMs, webhookAllowPrivate } = ctx.config.notify;
  const hooks = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.businessId, businessId))
    .orderBy(asc(webhookEndpoints.createdAt));
  return [
    {
      key: 'email',
      kind: 'email',
      target: smtpUrl ? maskUrl(smtpUrl) : null,
      configured: !!smtpUrl,
      enabled: !!smtpUrl,
      description: ctx.config.notify.smtpFrom,
      run: () => checkSmtp(smtpUrl, webhookTimeoutMs),
    },
    ...hooks.map(
      (h): Entry => ({
        key: h.id, // a webhook is tested under its own id
        kind: 'webhook',
        target: maskUrl(h.url),
        configured: true,
        enabled: h.enabled,
        description: h.description,
        run: () =>
          checkWebhook(
            { url: h.url, secret: h.secret, businessId },
            { timeoutMs: webhookTimeoutMs, allowPrivate: webhookAllowPrivate, now: ctx.clock.now() },
          ),
      }),
    ),
    {
      key: 'erp',
      kind: 'erp',
      target: null,
      configured: false,
      enabled: false,
      description: null,
      run: checkErp,
    },
  ];
}

/** The latest test of each integration, read back from its audit entries (the record of truth). */
async function lastTests(ctx: Ctx, businessId: string): Promise<Map<string, IntegrationTest>> {
  const rows = await ctx.db
    .selectDistinctOn([auditLog.entityId], {
      key: auditLog.entityId,
      at: auditLog.at,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.businessId, businessId),
        eq(auditLog.entityType, 'integration'),
        eq(auditLog.action, TESTED),
      ),
    )
    .orderBy(auditLog.entityId, desc(auditLog.id));
  const out = new Map<string, IntegrationTest>();
  for (const r of rows) {
    const v = (k: string) => r.changes[k]?.after ?? null;
    out.set(r.key, {
      outcome: (v('outcome') as IntegrationTest['outcome']) ?? 'failed',
      detail: String(v('detail') ?? ''),
      latencyMs: v('latencyMs') as number | null,
      httpStatus: v('httpStatus') as number | null,
      testedAt: r.at.toISOString(),
    });
  }
  return out;
}

// Integrations belong to the whole business, as webhooks do: channels.manage over all of it.
function manager(ctx: Ctx) {
  const scope = requirePermission(ctx.actor, 'channels.manage');
  if (!scope.all) throw new ForbiddenError({ key: 'forbidden.scope' });
  return scope.actor;
}

export async function listIntegrations(ctx: Ctx): Promise<Integration[]> {
  const me = manager(ctx);
  const [list, tests] = await Promise.all([entries(ctx, me.businessId), lastTests(ctx, me.businessId)]);
  return list.map(({ run: _run, ...i }) => ({ ...i, lastTest: tests.get(i.key) ?? null }));
}

/** Runs one integration's check (bounded by its timeout) and records what it found. */
export async function testIntegration(ctx: Ctx, key: string): Promise<IntegrationTest> {
  const me = manager(ctx);
  const found = (await entries(ctx, me.businessId)).find((e) => e.key === key);
  if (!found) throw new NotFoundError('integration');
  const result = await found.run();
  await recordAudit(ctx.db, ctx, {
    action: TESTED,
    entityType: 'integration',
    entityId: key,
    after: { target: found.target, ...result },
  });
  return { ...result, testedAt: ctx.clock.now().toISOString() };
}

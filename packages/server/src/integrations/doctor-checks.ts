import type { Config } from '../config.ts';
import { checkErp, checkSmtp, checkWebhook, maskUrl, type WebhookTarget } from './checks.ts';

type Line = { check: string; ok: boolean; detail: string; required: boolean };

/**
 * `orderloop doctor`'s integration lines, from the same checks the console's "test connection" runs.
 * Not configured is a todo; configured but failing is a failure. Disabled webhooks are
 * listed but not pinged.
 */
export async function integrationChecks(
  config: Config,
  webhooks: (WebhookTarget & { enabled: boolean })[],
): Promise<Line[]> {
  const { smtpUrl, webhookTimeoutMs, webhookAllowPrivate } = config.notify;
  const lines: Line[] = [];
  const email = await checkSmtp(smtpUrl, webhookTimeoutMs);
  lines.push({
    check: 'integration: email',
    ok: email.outcome === 'ok',
    detail: smtpUrl ? `${maskUrl(smtpUrl)} — ${email.detail}` : `not configured (${email.detail})`,
    required: email.outcome === 'failed',
  });
  for (const h of webhooks) {
    const target = maskUrl(h.url);
    if (!h.enabled) {
      lines.push({
        check: 'integration: webhook',
        ok: true,
        detail: `${target} — disabled`,
        required: false,
      });
      continue;
    }
    const r = await checkWebhook(h, {
      timeoutMs: webhookTimeoutMs,
      allowPrivate: webhookAllowPrivate,
      now: new Date(),
    });
    lines.push({
      check: 'integration: webhook',
      ok: r.outcome === 'ok',
      detail: `${target} — ${r.detail}`,
      required: r.outcome === 'failed',
    });
  }
  if (!webhooks.length)
    lines.push({
      check: 'integration: webhook',
      ok: false,
      detail: 'no endpoint configured',
      required: false,
    });
  const erp = await checkErp();
  lines.push({ check: 'integration: erp', ok: erp.outcome === 'ok', detail: erp.detail, required: false });
  return lines;
}

import { randomUUID } from 'node:crypto';
import type { IntegrationOutcome } from '@orderloop/contract';
import nodemailer from 'nodemailer';
import { post, signWebhook } from '../notifications/webhook.ts';

/** What a check found; the service stamps it with a time, doctor prints it. */
export type CheckResult = {
  outcome: IntegrationOutcome;
  detail: string;
  latencyMs: number | null;
  httpStatus: number | null;
};

const notConfigured = (detail: string): CheckResult => ({
  outcome: 'not_configured',
  detail,
  latencyMs: null,
  httpStatus: null,
});
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Outgoing email: connects to the SMTP server, greets it (EHLO, STARTTLS and AUTH when the URL asks
 * for them) and says QUIT — nothing is sent. Each phase is bounded by the timeout.
 */
export async function checkSmtp(url: string | undefined, timeoutMs: number): Promise<CheckResult> {
  if (!url) return notConfigured('SMTP_URL is not set');
  const started = performance.now();
  // a fresh, unpooled transport: the delivery pool's open connections would prove nothing
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.verify();
    const latencyMs = Math.round(performance.now() - started);
    return {
      outcome: 'ok',
      detail: `SMTP server answered EHLO in ${latencyMs} ms`,
      latencyMs,
      httpStatus: null,
    };
  } catch (err) {
    return {
      outcome: 'failed',
      detail: message(err),
      latencyMs: Math.round(performance.now() - started),
      httpStatus: null,
    };
  } finally {
    transport.close();
  }
}

export type WebhookTarget = { url: string; secret: string; businessId: string };

/**
 * A webhook endpoint: POSTs a `ping` event signed exactly like a real delivery, through the same
 * SSRF guard; a 2xx answer is ok, anything else (or no answer in time) is reported as it came.
 */
export async function checkWebhook(
  target: WebhookTarget,
  opts: { timeoutMs: number; allowPrivate: boolean; now: Date },
): Promise<CheckResult> {
  const id = randomUUID();
  const body = JSON.stringify({
    id,
    event: 'ping',
    eventId: null,
    businessId: target.businessId,
    createdAt: opts.now.toISOString(),
    order: null,
    link: null,
  });
  const timestamp = String(Math.floor(opts.now.getTime() / 1000));
  const started = performance.now();
  try {
    const status = await post(
      new URL(target.url),
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Orderloop-Webhook/1',
        'x-orderloop-event': 'ping',
        'x-orderloop-delivery': id,
        'x-orderloop-timestamp': timestamp,
        'x-orderloop-signature': signWebhook(target.secret, timestamp, body),
      },
      opts.timeoutMs,
      opts.allowPrivate,
    );
    const latencyMs = Math.round(performance.now() - started);
    const ok = status >= 200 && status < 300;
    return {
      outcome: ok ? 'ok' : 'failed',
      detail: ok ? `HTTP ${status} in ${latencyMs} ms` : `answered HTTP ${status} (a 2xx was expected)`,
      latencyMs,
      httpStatus: status,
    };
  } catch (err) {
    return {
      outcome: 'failed',
      detail: message(err),
      latencyMs: Math.round(performance.now() - started),
      httpStatus: null,
    };
  }
}

/**
 * The ERP push: the workflow's `push_erp` effect queues outbox rows on channel `erp`, but no ERP
 * connector exists yet, so the worker marks them skipped. Said plainly rather than faked.
 */
export async function checkErp(): Promise<CheckResult> {
  return notConfigured('no ERP connector is configured: push_erp deliveries are recorded as skipped');
}

/** `smtp://user:***@host:587`: the password never leaves the server. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

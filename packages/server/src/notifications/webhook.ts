import { createHmac, timingSafeEqual } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { and, eq } from 'drizzle-orm';
import { webhookEndpoints } from '../db/notify-schema.ts';
import { type Channel, deliverEach } from './channel.ts';

/** `sha256=` + hex HMAC-SHA256 of `timestamp.body` under the endpoint's secret. */
export const signWebhook = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** What a receiver checks (also documents the scheme): the signature, and a timestamp near now. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string; signature: string },
  rawBody: string,
  nowSeconds = Date.now() / 1000,
  toleranceSeconds = 300,
): boolean {
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return Math.abs(nowSeconds - Number(headers.timestamp)) <= toleranceSeconds;
}

// Where a business's webhook must not reach in production: this host, the private network, cloud
// metadata (SSRF). Checked on the resolved address, so a public name pointing inside is refused too.
const privateRanges = new net.BlockList();
for (const [ip, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  privateRanges.addSubnet(ip, bits, 'ipv4');
for (const [ip, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  privateRanges.addSubnet(ip, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  return privateRanges.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad || !addresses.length)
      return callback(new Error(`${hostname} resolves to a private address`), '', 4);
    if ((options as { all?: boolean }).all)
      return (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** POSTs the body; resolves with the status, rejects on network errors and after the timeout. */
export function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  allowPrivate: boolean,
) {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host))
    return Promise.reject(new Error(`${host} is a private address`));
  return new Promise<number>((resolve, reject) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        lookup: allowPrivate ? undefined : guardedLookup,
      },
      (res) => {
        res.resume(); // the answer's body means nothing to us
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', (err) => reject(signal.aborted ? new Error(`no answer within ${timeoutMs} ms`) : err));
    req.end(body);
  });
}

/**
 * The business's own systems: every enabled endpoint whose event filter matches gets the notice as
 * signed JSON. 2xx is delivered; anything else, a network error or no answer in time is retried.
 */
export const webhookChannel: Channel = {
  name: 'webhook',
  async deliver(n, deps) {
    const endpoints = (
      await deps.db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.businessId, n.businessId), eq(webhookEndpoints.enabled, true)))
    ).filter((e) => !e.events.length || e.events.includes(n.event));
    if (!endpoints.length)
      return { status: 'skipped', note: 'no webhook endpoint configured for this event' };
    const body = JSON.stringify({
      id: n.id,
      event: n.event,
      eventId: n.eventId,
      businessId: n.businessId,
      createdAt: n.createdAt.toISOString(),
      order: n.order,
      link: n.link,
    });
    const { webhookTimeoutMs, webhookAllowPrivate } = deps.config.notify;
    return deliverEach(
      n,
      endpoints,
      (e) => `webhook:${e.id}`,
      async (e) => {
        const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
        const status = await post(
          new URL(e.url),
          body,
          {
            'content-type': 'application/json',
            'user-agent': 'Orderloop-Webhook/1',
            'x-orderloop-event': n.event,
            'x-orderloop-delivery': n.id,
            'x-orderloop-timestamp': timestamp,
            'x-orderloop-signature': signWebhook(e.secret, timestamp, body),
          },
          webhookTimeoutMs,
          webhookAllowPrivate,
        );
        if (status < 200 || status >= 300) throw new Error(`${e.url} answered HTTP ${status}`);
      },
    );
  },
};

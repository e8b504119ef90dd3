import nodemailer from 'nodemailer';
import { type Channel, deliverEach } from './channel.ts';

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

/** One pooled SMTP transport per URL, made on first use (`smtp://user:pass@host:587`, `smtps://…`). */
function transportFor(url: string): Transport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Closes the SMTP connections (worker shutdown, tests). */
export function closeMailTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/**
 * Email to staff recipients with an address (users.email), one message each in their language, with
 * the delivery id as a header so a mail system can deduplicate. Without SMTP_URL nothing is sent.
 */
export const emailChannel: Channel = {
  name: 'email',
  async deliver(n, deps) {
    const { smtpUrl, smtpFrom } = deps.config.notify;
    if (!smtpUrl) return { status: 'skipped', note: 'no channel configured: SMTP_URL is not set' };
    const to = n.recipients.filter((r) => r.kind === 'user' && r.email);
    if (!to.length) return { status: 'skipped', note: 'no recipient has an email address' };
    const transport = transportFor(smtpUrl);
    return deliverEach(
      n,
      to,
      (r) => `email:${r.id}`,
      async (r) => {
        const { title, body } = n.text(r.locale);
        await transport.sendMail({
          from: smtpFrom,
          to: { name: r.name ?? '', address: (r as { email: string }).email },
          subject: title,
          text: n.link ? `${body}\n\n${n.link}` : body,
          headers: { 'X-Orderloop-Delivery': n.id, 'X-Orderloop-Event': n.event },
        });
      },
    );
  },
};

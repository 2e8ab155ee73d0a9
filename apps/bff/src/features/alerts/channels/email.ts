import nodemailer from 'nodemailer';
import type { AlertMessage, ChannelTarget, DeliveryResult } from './types.js';
import { renderText } from './text.js';
import type { OutboundPolicy } from './allowed-hosts.js';

/** The console's SMTP server: one for every email channel (SMTP_* settings). */
export interface SmtpSettings {
  host: string;
  port: number;
  /**
   * tls: TLS from the first byte (port 465); starttls: plain, then STARTTLS required (587);
   * none: no encryption (a relay on the same host only).
   */
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  from: string;
  /** false accepts a self-signed server certificate (a test relay); default true. */
  rejectUnauthorized?: boolean;
  /** PEM of a private CA the server's certificate is signed by. */
  ca?: string;
  timeoutMs?: number;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The message as plain text and as simple HTML; the Message-ID carries the alert's id. */
export function emailContent(m: AlertMessage, ch: ChannelTarget) {
  const t = renderText(m, ch.language);
  const linkLabel = ch.language === 'en' ? 'Open in the console' : '在控制台中查看';
  const text = [...t.lines, ...(t.link ? ['', `${linkLabel}: ${t.link}`] : [])].join('\n');
  const html =
    `<h2>${escapeHtml(t.title)}</h2><ul>${t.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    (t.link ? `<p><a href="${escapeHtml(t.link)}">${escapeHtml(linkLabel)}</a></p>` : '');
  return { subject: t.title, text, html, messageId: `<${m.id}@obconsole>` };
}

export async function sendEmail(
  m: AlertMessage,
  ch: ChannelTarget,
  smtp: SmtpSettings | undefined,
  policy: OutboundPolicy,
): Promise<DeliveryResult> {
  const started = Date.now();
  const fail = (
    error: string,
    retryable: boolean,
    status: number | null = null,
  ): DeliveryResult => ({
    ok: false,
    status,
    response: '',
    error: smtp?.password ? error.split(smtp.password).join('••••') : error,
    durationMs: Date.now() - started,
    retryable,
  });
  if (!smtp) return fail('no SMTP server is configured (set SMTP_HOST and SMTP_FROM)', false);
  if (!ch.to?.length) return fail('the channel has no recipients', false);
  // The SMTP server is the operator's own configuration, not user input: it may be internal,
  // but only if listed like any other internal target, so the rule stays one rule.
  const refused = /^[\d.:a-f]+$/i.test(smtp.host) ? policy.refusal(smtp.host, smtp.host) : null;
  if (refused) return fail(refused, false);
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized ?? true, ca: smtp.ca },
    connectionTimeout: smtp.timeoutMs ?? 10_000,
    greetingTimeout: smtp.timeoutMs ?? 10_000,
    socketTimeout: smtp.timeoutMs ?? 10_000,
  });
  try {
    const c = emailContent(m, ch);
    const info = await transport.sendMail({
      from: smtp.from,
      to: ch.to,
      subject: c.subject,
      text: c.text,
      html: c.html,
      messageId: c.messageId,
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length)
      return {
        ok: false,
        status: 550,
        response: info.response ?? '',
        error: `the server refused ${rejected.join(', ')}`,
        durationMs: Date.now() - started,
        retryable: false,
      };
    return {
      ok: true,
      status: 250,
      response: info.response ?? '',
      error: '',
      durationMs: Date.now() - started,
      retryable: false,
    };
  } catch (e) {
    const err = e as { responseCode?: number; message?: string };
    const code = err.responseCode ?? null;
    // 5xx is a permanent refusal (bad recipient, authentication); 4xx and no answer may pass later.
    return fail(err.message ?? String(e), code === null || code < 500, code);
  } finally {
    transport.close();
  }
}

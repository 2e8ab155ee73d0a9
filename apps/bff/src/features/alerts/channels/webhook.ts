import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertMessage, ChannelTarget } from './types.js';
import type { HttpPost } from './http-send.js';
import { renderText } from './text.js';

/** Version of the generic webhook's JSON: a receiver can rely on the fields of this version. */
export const WEBHOOK_SCHEMA = 'obconsole.alert/v1';
export const SIGNATURE_HEADER = 'X-ObConsole-Signature';
export const MESSAGE_ID_HEADER = 'X-ObConsole-Message-Id';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the timestamp is signed with
 * the body so that a captured request cannot be replayed later with another time (the scheme
 * Stripe and GitHub receivers already know how to check).
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: true when the header signs this body and is at most `toleranceS` old. */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceS = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceS || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const got = Buffer.from(String(parts.v1), 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** The stable JSON of the generic webhook: the facts, and the sentence in the channel's language. */
export function webhookBody(m: AlertMessage, ch: ChannelTarget): Record<string, unknown> {
  const text = renderText(m, ch.language);
  return {
    schema: WEBHOOK_SCHEMA,
    id: m.id,
    event: m.event,
    sentAt: m.sentAt,
    language: ch.language,
    cluster: m.cluster,
    tenant: m.tenant,
    rule: m.rule,
    incident: m.incident,
    condition: m.condition,
    resolution: m.resolution,
    title: text.title,
    text: text.lines.join('\n'),
    link: m.link,
  };
}

export function webhookRequest(m: AlertMessage, ch: ChannelTarget, nowMs: number): HttpPost {
  const body = JSON.stringify(webhookBody(m, ch));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'obconsole-alerts/1',
    [MESSAGE_ID_HEADER]: m.id,
  };
  if (ch.secret) headers[SIGNATURE_HEADER] = signWebhook(ch.secret, body, Math.floor(nowMs / 1000));
  return { url: ch.url!, headers, body };
}

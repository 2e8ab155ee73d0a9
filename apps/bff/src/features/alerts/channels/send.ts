import type { AlertMessage, ChannelTarget, DeliveryResult } from './types.js';
import { postJson } from './http-send.js';
import type { OutboundPolicy } from './allowed-hosts.js';
import { webhookRequest } from './webhook.js';
import {
  dingtalkRequest,
  errcodeAccepted,
  feishuRequest,
  slackAccepted,
  slackRequest,
  wecomRequest,
} from './robots.js';
import { sendEmail, type SmtpSettings } from './email.js';

export interface ChannelEnv {
  policy: OutboundPolicy;
  smtp?: SmtpSettings;
  now?: () => number;
  timeoutMs?: number;
}

/** Sends one message on one channel, in the channel's format; reports the receiver's answer. */
export async function sendToChannel(
  m: AlertMessage,
  ch: ChannelTarget,
  env: ChannelEnv,
): Promise<DeliveryResult> {
  const now = (env.now ?? Date.now)();
  if (ch.kind === 'email') return sendEmail(m, ch, env.smtp, env.policy);
  if (!ch.url)
    return {
      ok: false,
      status: null,
      response: '',
      error: 'the channel has no URL',
      durationMs: 0,
      retryable: false,
    };
  // The URL often holds the robot's token; neither it nor the secret is ever shown back.
  const secrets = [ch.url, ch.secret ?? '', ...tokensOf(ch.url)];
  const base = { policy: env.policy, timeoutMs: env.timeoutMs, secrets };
  switch (ch.kind) {
    case 'webhook':
      return postJson(webhookRequest(m, ch, now), base);
    case 'slack':
      return postJson(slackRequest(m, ch), { ...base, accepted: slackAccepted });
    case 'dingtalk':
      return postJson(dingtalkRequest(m, ch, now), {
        ...base,
        accepted: errcodeAccepted('errcode'),
      });
    case 'feishu':
      return postJson(feishuRequest(m, ch, now), { ...base, accepted: errcodeAccepted('code') });
    case 'wecom':
      return postJson(wecomRequest(m, ch), { ...base, accepted: errcodeAccepted('errcode') });
  }
}

/** The query values and last path segment of a robot URL: where its token lives. */
function tokensOf(url: string): string[] {
  try {
    const u = new URL(url);
    const parts = [...u.searchParams.values(), u.pathname.split('/').pop() ?? ''];
    return parts.filter((p) => p.length >= 8);
  } catch {
    return [];
  }
}

/** A URL as it may be shown: scheme, host and path start, the token replaced. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const segs = u.pathname.split('/');
    const last = segs.pop() ?? '';
    const path = [...segs, last.length >= 8 ? '••••' : last].join('/');
    const q = [...u.searchParams.keys()].map((k) => `${k}=••••`).join('&');
    return `${u.protocol}//${u.host}${path}${q ? `?${q}` : ''}`;
  } catch {
    return '••••';
  }
}

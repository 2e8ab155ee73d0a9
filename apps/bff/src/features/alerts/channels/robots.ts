import { createHmac } from 'node:crypto';
import type { AlertMessage, ChannelTarget } from './types.js';
import type { HttpPost } from './http-send.js';
import { renderText } from './text.js';

/**
 * The chat robots' own message formats, each as its vendor documents it:
 * - Slack incoming webhook: `{ text, blocks }` (text is the notification fallback); answers `ok`.
 * - DingTalk custom robot: `{ msgtype: "markdown", markdown: { title, text } }`; with a signing
 *   secret the URL gains `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(secret,
 *   "<timestamp>\n<secret>"))); answers `{ errcode: 0 }`.
 * - Feishu / Lark custom bot: `{ msg_type: "post", content: { post: { <lang>: { title, content } } } }`;
 *   with a signing secret the body gains `timestamp` (s) and `sign` = base64(HMAC-SHA256 keyed
 *   with "<timestamp>\n<secret>" over an empty message); answers `{ code: 0 }`.
 * - WeCom (WeChat Work) group robot: `{ msgtype: "markdown", markdown: { content } }` (4096 bytes
 *   at most); the key is in the URL, there is no signature; answers `{ errcode: 0 }`.
 */

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export function slackRequest(m: AlertMessage, ch: ChannelTarget): HttpPost {
  const t = renderText(m, ch.language);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: t.title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: t.lines.map(esc).join('\n') } },
  ];
  if (t.link)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `<${t.link}|${ch.language === 'en' ? 'Open in the console' : '在控制台中查看'}>`,
      },
    });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `id: ${m.id}` }] });
  return {
    url: ch.url!,
    headers: JSON_HEADERS,
    body: JSON.stringify({ text: `${t.title}\n${t.lines[0] ?? ''}`, blocks }),
  };
}

export function slackAccepted(_status: number, body: string): string | null {
  return body.trim() === 'ok' ? null : `Slack answered "${body.slice(0, 200)}"`;
}

function markdownOf(m: AlertMessage, ch: ChannelTarget, heading: string): string {
  const t = renderText(m, ch.language);
  const link = t.link
    ? `\n\n[${ch.language === 'en' ? 'Open in the console' : '在控制台中查看'}](${t.link})`
    : '';
  return `${heading} ${t.title}\n\n${t.lines.map((l) => `- ${l}`).join('\n')}${link}`;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkRequest(m: AlertMessage, ch: ChannelTarget, nowMs: number): HttpPost {
  const t = renderText(m, ch.language);
  const url = new URL(ch.url!);
  if (ch.secret) {
    url.searchParams.set('timestamp', String(nowMs));
    url.searchParams.set('sign', dingtalkSign(ch.secret, nowMs));
  }
  return {
    url: url.toString(),
    headers: JSON_HEADERS,
    body: JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: t.title, text: markdownOf(m, ch, '###') },
    }),
  };
}

/** DingTalk, Feishu and WeCom answer HTTP 200 with their verdict in the JSON. */
export function errcodeAccepted(field: 'errcode' | 'code') {
  return (_status: number, body: string): string | null => {
    try {
      const j = JSON.parse(body) as Record<string, unknown>;
      const code = j[field] ?? j.StatusCode;
      if (code === 0) return null;
      const msg = [j.errmsg, j.msg, j.StatusMessage].find((v) => typeof v === 'string') ?? '';
      return `the robot refused it: ${field} ${JSON.stringify(code)} ${msg}`.trim();
    } catch {
      return `the robot's answer is not JSON: ${body.slice(0, 200)}`;
    }
  };
}

export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

export function feishuRequest(m: AlertMessage, ch: ChannelTarget, nowMs: number): HttpPost {
  const t = renderText(m, ch.language);
  const content: unknown[][] = t.lines.map((l) => [{ tag: 'text', text: l }]);
  if (t.link)
    content.push([
      {
        tag: 'a',
        text: ch.language === 'en' ? 'Open in the console' : '在控制台中查看',
        href: t.link,
      },
    ]);
  const body: Record<string, unknown> = {
    msg_type: 'post',
    content: { post: { [ch.language === 'en' ? 'en_us' : 'zh_cn']: { title: t.title, content } } },
  };
  if (ch.secret) {
    const ts = Math.floor(nowMs / 1000);
    body.timestamp = String(ts);
    body.sign = feishuSign(ch.secret, ts);
  }
  return { url: ch.url!, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

const WECOM_MAX_BYTES = 4096;

export function wecomRequest(m: AlertMessage, ch: ChannelTarget): HttpPost {
  let content = markdownOf(m, ch, '###');
  // WeCom refuses a longer markdown message outright: cut it rather than lose it.
  while (Buffer.byteLength(content, 'utf8') > WECOM_MAX_BYTES) content = content.slice(0, -64);
  return {
    url: ch.url!,
    headers: JSON_HEADERS,
    body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
  };
}

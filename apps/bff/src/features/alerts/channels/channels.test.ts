import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpReceiver } from '../../../testing/http-receiver.js';
import { OutboundPolicy } from './allowed-hosts.js';
import { sendToChannel, maskUrl } from './send.js';
import { MESSAGE_ID_HEADER, SIGNATURE_HEADER, WEBHOOK_SCHEMA, verifyWebhook } from './webhook.js';
import { channel, failedBackupMessage } from './fixtures.test-helpers.js';

const NOW = Date.parse('2026-12-02T01:02:05.000Z');
const local = new OutboundPolicy(['127.0.0.1']);
const env = { policy: local, now: () => NOW, timeoutMs: 2000 };

describe('alert channels', () => {
  const rx = new HttpReceiver();
  beforeAll(() => rx.start());
  afterAll(() => rx.stop());
  beforeEach(() => {
    rx.requests.length = 0;
    rx.answer = { status: 200, body: 'ok' };
  });

  it('sends the generic webhook as stable JSON, signed over timestamp and body, with its id', async () => {
    const secret = 'whsec-0123456789';
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: rx.url(), secret }),
      env,
    );
    expect(r).toMatchObject({ ok: true, status: 200, response: 'ok' });
    const req = rx.requests[0]!;
    expect(req.headers[MESSAGE_ID_HEADER.toLowerCase()]).toBe('inc-7f3a:opened');
    const sig = String(req.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, req.body, sig, NOW / 1000)).toBe(true);
    expect(verifyWebhook('another-secret', req.body, sig, NOW / 1000)).toBe(false);
    expect(verifyWebhook(secret, req.body.replace('mysql_tenant', 'x'), sig, NOW / 1000)).toBe(
      false,
    );
    // A captured request replayed an hour later is refused by a receiver that checks the time.
    expect(verifyWebhook(secret, req.body, sig, NOW / 1000 + 3600)).toBe(false);
    expect(req.json).toMatchObject({
      schema: WEBHOOK_SCHEMA,
      id: 'inc-7f3a:opened',
      event: 'opened',
      cluster: { id: 'obcluster-hz' },
      tenant: { id: 1002, name: 'mysql_tenant' },
      rule: { kind: 'backup_failed', severity: 'critical' },
      condition: { kind: 'backup_failed', job: { jobId: 17, result: -9040 } },
      link: 'https://console.example.com/clusters/obcluster-hz/history/1002/17',
    });
    expect((req.json as { text: string }).text).toContain(
      'Why: -9040 OB_BACKUP_CAN_NOT_START: backup can not start',
    );
  });

  it('says the message in the channel language', async () => {
    await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: rx.url(), language: 'zh-CN' }),
      env,
    );
    const j = rx.requests[0]!.json as { title: string; text: string };
    expect(j.title).toBe('[严重] 告警: backup failed');
    expect(j.text).toContain('租户 mysql_tenant 的全量备份任务 17 失败。');
    expect(j.text).toContain('原因：-9040 OB_BACKUP_CAN_NOT_START');
  });

  it('sends Slack blocks with a fallback text, and reports what Slack refused', async () => {
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'slack', url: rx.url('/services/T0/B0/xyzxyzxyzxyz') }),
      env,
    );
    expect(r.ok).toBe(true);
    const j = rx.requests[0]!.json as { text: string; blocks: { type: string }[] };
    expect(j.text).toContain('The full backup job 17 of tenant mysql_tenant failed.');
    expect(j.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    rx.answer = { status: 200, body: 'invalid_payload' };
    const refused = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'slack', url: rx.url() }),
      env,
    );
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.error).toContain('invalid_payload');
  });

  it('signs DingTalk in the URL as DingTalk documents, and reads its errcode', async () => {
    const secret = 'SEC0123456789abcdef';
    rx.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    const url = rx.url('/robot/send?access_token=tok-0123456789');
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'dingtalk', url, secret }),
      env,
    );
    expect(r.ok).toBe(true);
    const sent = new URL(rx.requests[0]!.url, 'http://x');
    expect(sent.searchParams.get('access_token')).toBe('tok-0123456789');
    expect(sent.searchParams.get('timestamp')).toBe(String(NOW));
    const expected = createHmac('sha256', secret).update(`${NOW}\n${secret}`).digest('base64');
    expect(sent.searchParams.get('sign')).toBe(expected);
    expect(rx.requests[0]!.json).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: expect.any(String) },
    });

    rx.answer = {
      status: 200,
      body: '{"errcode":310000,"errmsg":"sign not match, more: tok-0123456789"}',
    };
    const refused = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'dingtalk', url, secret }),
      env,
    );
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.error).toContain('errcode 310000 sign not match');
    // The robot's token never comes back to the user, even when the receiver echoes it.
    expect(refused.error + refused.response).not.toContain('tok-0123456789');
  });

  it('signs Feishu in the body as Feishu documents, and reads its code', async () => {
    const secret = 'feishu-signing-secret';
    rx.answer = { status: 200, body: '{"code":0,"msg":"success"}' };
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({
        kind: 'feishu',
        url: rx.url('/open-apis/bot/v2/hook/abcdefgh1234'),
        secret,
        language: 'zh-CN',
      }),
      env,
    );
    expect(r.ok).toBe(true);
    const j = rx.requests[0]!.json as Record<string, unknown> & {
      content: { post: Record<string, { title: string }> };
    };
    const ts = Math.floor(NOW / 1000);
    expect(j).toMatchObject({ msg_type: 'post', timestamp: String(ts) });
    expect(j.sign).toBe(createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'));
    expect(j.content.post.zh_cn!.title).toContain('告警');
    rx.answer = {
      status: 200,
      body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
    };
    const refused = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'feishu', url: rx.url(), secret }),
      env,
    );
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain('19021');
  });

  it('sends WeCom markdown within its 4096-byte limit', async () => {
    rx.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    const long = failedBackupMessage();
    if (long.condition?.kind === 'backup_failed') long.condition.job.comment = '备'.repeat(3000);
    const r = await sendToChannel(
      long,
      channel({ kind: 'wecom', url: rx.url('/cgi-bin/webhook/send?key=wecom-key-1234') }),
      env,
    );
    expect(r.ok).toBe(true);
    const j = rx.requests[0]!.json as { msgtype: string; markdown: { content: string } };
    expect(j.msgtype).toBe('markdown');
    expect(Buffer.byteLength(j.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
  });

  it('marks server errors and rate limits retryable, client errors not', async () => {
    rx.queue(
      { status: 503, body: 'busy' },
      { status: 429, body: 'slow down' },
      { status: 400, body: 'bad' },
    );
    const ch = channel({ kind: 'webhook', url: rx.url() });
    const [a, b, c] = [
      await sendToChannel(failedBackupMessage(), ch, env),
      await sendToChannel(failedBackupMessage(), ch, env),
      await sendToChannel(failedBackupMessage(), ch, env),
    ];
    expect([a.status, a.retryable]).toEqual([503, true]);
    expect([b.status, b.retryable]).toEqual([429, true]);
    expect([c.status, c.retryable, c.error]).toEqual([
      400,
      false,
      'the receiver answered HTTP 400',
    ]);
  });

  it('gives up on a receiver that never answers, and may try again later', async () => {
    rx.queue('hang');
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: rx.url() }),
      { ...env, timeoutMs: 300 },
    );
    expect(r).toMatchObject({ ok: false, status: null, retryable: true });
    expect(r.error).toMatch(/no answer within 300 ms/);
  });

  it('reports a receiver that is down as retryable', async () => {
    const down = new HttpReceiver();
    await down.start();
    const url = down.url();
    await down.stop();
    const r = await sendToChannel(failedBackupMessage(), channel({ kind: 'webhook', url }), env);
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(r.error).toMatch(/could not reach 127\.0\.0\.1/);
  });

  it('refuses internal addresses that ALERTS_ALLOWED_HOSTS does not list, before sending anything', async () => {
    const none = new OutboundPolicy([]);
    for (const url of [
      rx.url(),
      `http://localhost:${rx.port}/hook`,
      `http://[::ffff:127.0.0.1]:${rx.port}/`,
    ]) {
      const r = await sendToChannel(failedBackupMessage(), channel({ kind: 'webhook', url }), {
        ...env,
        policy: none,
      });
      expect(r).toMatchObject({ ok: false, retryable: false });
      expect(r.error).toMatch(/internal address .*ALERTS_ALLOWED_HOSTS/);
    }
    expect(rx.requests).toHaveLength(0);
    const byName = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: `http://localhost:${rx.port}/hook` }),
      { ...env, policy: OutboundPolicy.fromEnv('localhost') },
    );
    expect(byName.ok).toBe(true);
    const byRange = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: rx.url() }),
      { ...env, policy: OutboundPolicy.fromEnv('10.0.0.0/8, 127.0.0.0/8') },
    );
    expect(byRange.ok).toBe(true);
  });

  it('judges addresses by range, mapped IPv6 as its IPv4', () => {
    const p = new OutboundPolicy(['hooks.corp.example', '*.internal.example', '192.168.7.0/24']);
    expect(p.refusal('example.com', '93.184.216.34')).toBeNull();
    expect(p.refusal('x', '10.1.2.3')).toMatch(/internal/);
    expect(p.refusal('x', '169.254.169.254')).toMatch(/internal/);
    expect(p.refusal('x', '::ffff:10.0.0.1')).toMatch(/internal/);
    expect(p.refusal('x', '::ffff:7f00:1')).toMatch(/internal address \(127\.0\.0\.1\)/);
    expect(p.refusal('x', '::ffff:5db8:d822')).toBeNull();
    expect(p.refusal('x', 'fd00::1')).toMatch(/internal/);
    expect(p.refusal('hooks.corp.example', '10.1.2.3')).toBeNull();
    expect(p.refusal('a.internal.example', '10.1.2.3')).toBeNull();
    expect(p.refusal('x', '192.168.7.9')).toBeNull();
    expect(p.refusal('x', '192.168.8.9')).toMatch(/internal/);
    expect(() => new OutboundPolicy(['10.0.0.0/x'])).toThrow(/CIDR/);
  });

  it('only sends over http and https', async () => {
    const r = await sendToChannel(
      failedBackupMessage(),
      channel({ kind: 'webhook', url: 'file:///etc/passwd' }),
      env,
    );
    expect(r.error).toMatch(/only http and https/);
  });

  it('shows a robot URL without its token', () => {
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def456')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=••••',
    );
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX')).toBe(
      'https://hooks.slack.com/services/T000/B000/••••',
    );
  });

  it('says what cleared a resolved incident', async () => {
    const m = failedBackupMessage({
      id: 'inc-7f3a:resolved',
      event: 'resolved',
      incident: {
        id: 'inc-7f3a',
        openedAt: '2026-12-02T01:02:00.000Z',
        resolvedAt: '2026-12-02T02:00:00.000Z',
      },
      resolution: { by: 'backup_succeeded', jobId: 18, type: 'full' },
    });
    await sendToChannel(m, channel({ kind: 'webhook', url: rx.url() }), env);
    const j = rx.requests[0]!.json as { title: string; text: string; event: string };
    expect(j.event).toBe('resolved');
    expect(j.title).toBe('[CRITICAL] Resolved: backup failed');
    expect(j.text).toContain('Cleared by the successful full backup job 18.');
  });
});

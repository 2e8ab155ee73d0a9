import { randomBytes } from 'node:crypto';
import { SecretBox } from '@obconsole/store';
import type { AlertsHub, AlertsSettings } from './hub.js';
import { maskUrl } from './channels/send.js';
import type { ChannelKind } from './channels/types.js';
import { HttpReceiver } from '../../testing/http-receiver.js';
import { SmtpReceiver } from '../../testing/smtp-receiver.js';
import type { Harness } from '../../testing/harness.js';
import type { ClusterAlerts } from './runtime.js';

/*
 * Receivers for the alert tests: robots and webhooks on one local HTTP receiver (answering as
 * DingTalk, Feishu and WeCom do: code 0), Slack on its own (it answers "ok"), email on a local
 * SMTP server. Channels and rules are written straight to the store, so nobody signs in.
 */

export const SECRETS = {
  webhook: 'whsec-alerts-0123456789',
  dingtalk: 'SECdingtalk0123456789abcdef',
  feishu: 'feishu-sign-0123456789',
};

export class Receivers {
  readonly robots = new HttpReceiver();
  readonly slack = new HttpReceiver();
  readonly smtp = new SmtpReceiver();

  async start(): Promise<void> {
    await Promise.all([this.robots.start(), this.slack.start(), this.smtp.start()]);
    this.reset();
  }

  reset(): void {
    this.robots.requests.length = 0;
    this.slack.requests.length = 0;
    this.smtp.mails.length = 0;
    this.robots.answer = { status: 200, body: '{"errcode":0,"code":0,"msg":"ok"}' };
    this.slack.answer = { status: 200, body: 'ok' };
  }

  async stop(): Promise<void> {
    await Promise.all([this.robots.stop(), this.slack.stop(), this.smtp.stop()]);
  }

  /** Every message id each channel received (the webhook's and the robots' by path, email by header). */
  total(): number {
    return this.robots.requests.length + this.slack.requests.length + this.smtp.mails.length;
  }

  settings(over: Partial<AlertsSettings> = {}): AlertsSettings {
    return {
      start: true,
      allowedHosts: ['127.0.0.1'],
      smtp: {
        host: '127.0.0.1',
        port: this.smtp.port,
        security: 'none',
        user: this.smtp.user,
        password: this.smtp.password,
        from: 'console@example.com',
      },
      // Timers that never fire within a test: the tests drive health reads and retries.
      intervals: { healthMs: 3_600_000, outboxMs: 3_600_000, remindMs: 3_600_000 },
      ...over,
    };
  }

  async channels(hub: AlertsHub, clusterId: string, kinds: ChannelKind[]): Promise<string[]> {
    const ids: string[] = [];
    for (const kind of kinds) {
      const url =
        kind === 'slack'
          ? this.slack.url('/services/T000/B000/slacktoken0123')
          : kind === 'dingtalk'
            ? this.robots.url('/robot/send?access_token=dingtoken0123456')
            : kind === 'feishu'
              ? this.robots.url('/open-apis/bot/v2/hook/feishutoken0123')
              : kind === 'wecom'
                ? this.robots.url('/cgi-bin/webhook/send?key=wecomkey01234567')
                : kind === 'webhook'
                  ? this.robots.url('/hook')
                  : null;
      const secret =
        kind === 'webhook' || kind === 'dingtalk' || kind === 'feishu' ? SECRETS[kind] : null;
      await hub.config.createChannel({
        id: kind,
        clusterId,
        kind,
        name: kind,
        url,
        maskedUrl: url && maskUrl(url),
        secret,
        to: kind === 'email' ? ['oncall@example.com'] : null,
        language: kind === 'dingtalk' || kind === 'wecom' ? 'zh-CN' : 'en',
      });
      ids.push(kind);
    }
    return ids;
  }
}

export async function addRule(
  hub: AlertsHub,
  clusterId: string,
  kind: string,
  channels: string[],
  params: Record<string, unknown> = {},
  over: { remindEveryMinutes?: number | null; mutedUntil?: string | null } = {},
): Promise<string> {
  const id = `rule-${kind}`;
  await hub.config.createRule({
    id,
    clusterId,
    kind,
    name: kind,
    tenants: 'all',
    params,
    channels,
    severity: 'critical',
    enabled: true,
    mutedUntil: null,
    remindEveryMinutes: null,
    ...over,
  });
  return id;
}

/** One key for every test harness of these files: a restarted console opens what the first sealed. */
export const TEST_BOX = new SecretBox([randomBytes(32)]);

/** Waits until `check` holds, polling; the test's own timeout bounds it. */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 25));
}

export function alertsOf(h: Harness): ClusterAlerts {
  return h.app.deps.alerts.of(h.clusterIds[0]!)!;
}

/** POSTs to the simulator's HTTP control API, as a demo or test script would. */
export async function control(h: Harness, path: string, body: unknown): Promise<unknown> {
  const port = h.sim.controlPort;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

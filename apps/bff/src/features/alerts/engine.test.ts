import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertConfigStore, IncidentStore, SecretBox, SqlOutbox } from '@obconsole/store';
import { HttpReceiver } from '../../testing/http-receiver.js';
import { tempStore, type TempStore } from '../../testing/store.js';
import { OutboundPolicy } from './channels/allowed-hosts.js';
import { sendToChannel, maskUrl } from './channels/send.js';
import type {
  AlertMessage,
  ChannelKind,
  ChannelLanguage,
  Condition,
  JobFacts,
} from './channels/types.js';
import { verifyWebhook } from './channels/webhook.js';
import { AlertEngine } from './engine.js';
import type { Observation } from './evaluate.js';
import { consoleLinks } from './message.js';
import { OutboxWorker } from './outbox.js';

const box = new SecretBox([randomBytes(32)]);
const mysql = { id: 1002, name: 'mysql_tenant' };

function job(over: Partial<JobFacts> = {}): JobFacts {
  return {
    tenantId: 1002,
    jobId: 7,
    type: 'full',
    status: 'FAILED',
    result: -9040,
    comment: 'backup can not start',
    startTime: '2026-12-02T09:00:00.000Z',
    endTime: '2026-12-02T09:59:00.000Z',
    ...over,
  };
}
const finished = (j: Partial<JobFacts>): Observation => ({
  kind: 'job_finished',
  tenant: mysql,
  job: job(j),
});

describe('alert engine', () => {
  const rx = new HttpReceiver();
  let db: TempStore;
  let clock = Date.parse('2026-12-02T10:00:00Z');
  const now = () => clock;
  const policy = new OutboundPolicy(['127.0.0.1']);

  beforeAll(() => rx.start());
  afterAll(() => rx.stop());
  beforeEach(async () => {
    db = await tempStore(now);
    rx.requests.length = 0;
    rx.answer = { status: 200, body: '{"errcode":0}' };
  });
  afterEach(() => db.cleanup());

  /** One console instance: its own connection to the shared store, its engine and worker. */
  function instance(store = db.store) {
    const config = new AlertConfigStore(store, box);
    const outbox = new SqlOutbox<AlertMessage>(store);
    const worker = new OutboxWorker({
      repo: outbox,
      now,
      send: (m, ch) => sendToChannel(m, ch, { policy, now, timeoutMs: 2000 }),
      channel: async (clusterId, id) => {
        const t = await config.target(clusterId, id);
        return (
          t && {
            id: t.id,
            kind: t.kind as ChannelKind,
            name: t.name,
            language: t.language as ChannelLanguage,
            url: t.url ?? undefined,
            secret: t.secret ?? undefined,
            to: t.to ?? undefined,
          }
        );
      },
    });
    const engine = new AlertEngine({
      cluster: { id: 'obcluster-hz', name: 'obcluster-hz (Hangzhou)' },
      config,
      incidents: new IncidentStore<Condition>(store),
      outbox,
      worker,
      links: consoleLinks('https://console.example.com'),
      now,
    });
    return { config, engine, worker };
  }

  async function configure(config: AlertConfigStore, rules: { kind: string; id: string }[]) {
    const url = rx.url('/robot/send?access_token=tok-0123456789');
    await config.createChannel({
      id: 'ding',
      clusterId: 'obcluster-hz',
      kind: 'dingtalk',
      name: 'ding',
      url,
      maskedUrl: maskUrl(url),
      secret: 'SEC0123456789',
      to: null,
      language: 'zh-CN',
    });
    const hook = rx.url('/hook');
    await config.createChannel({
      id: 'hook',
      clusterId: 'obcluster-hz',
      kind: 'webhook',
      name: 'hook',
      url: hook,
      maskedUrl: maskUrl(hook),
      secret: 'whsec-0123456789',
      to: null,
      language: 'en',
    });
    for (const r of rules)
      await config.createRule({
        id: r.id,
        clusterId: 'obcluster-hz',
        kind: r.kind,
        name: r.kind,
        tenants: 'all',
        params: {},
        channels: ['ding', 'hook'],
        severity: 'critical',
        enabled: true,
        mutedUntil: null,
        remindEveryMinutes: null,
      });
  }

  it('sends one backup_failed message per channel in its format, then one "resolved" after the next success', async () => {
    const { config, engine } = instance();
    await configure(config, [{ kind: 'backup_failed', id: 'r1' }]);
    await engine.observe(finished({ jobId: 7 }));
    await engine.observe(finished({ jobId: 8 }));
    expect(rx.requests).toHaveLength(2);
    const ding = rx.requests.find((r) => r.url.startsWith('/robot'))!;
    expect(ding.url).toMatch(/timestamp=\d+&sign=/);
    expect(ding.json).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(ding.json)).toContain('租户 mysql_tenant 的全量备份任务 7 失败');
    const hook = rx.requests.find((r) => r.url === '/hook')!;
    expect(
      verifyWebhook(
        'whsec-0123456789',
        hook.body,
        String(hook.headers['x-obconsole-signature']),
        clock / 1000,
      ),
    ).toBe(true);
    expect(hook.json).toMatchObject({
      event: 'opened',
      link: 'https://console.example.com/clusters/obcluster-hz/history/1002/7',
    });

    clock += 3_600_000;
    await engine.observe(finished({ jobId: 9, status: 'COMPLETED', result: 0 }));
    expect(rx.requests).toHaveLength(4);
    expect(
      rx.requests
        .slice(2)
        .map((r) => (r.url === '/hook' ? (r.json as { event: string }).event : 'ding')),
    ).toEqual(expect.arrayContaining(['resolved', 'ding']));
  });

  it('sends nothing for a cancel unless backup_canceled is on', async () => {
    const { config, engine } = instance();
    await configure(config, [{ kind: 'backup_failed', id: 'r1' }]);
    await engine.observe(finished({ status: 'CANCELED', result: -4072 }));
    expect(rx.requests).toHaveLength(0);
    await config.createRule({
      id: 'r2',
      clusterId: 'obcluster-hz',
      kind: 'backup_canceled',
      name: 'canceled',
      tenants: 'all',
      params: {},
      channels: ['hook'],
      severity: 'info',
      enabled: true,
      mutedUntil: null,
      remindEveryMinutes: null,
    });
    await engine.observe(finished({ jobId: 11, status: 'CANCELED', result: -4072 }));
    expect(rx.requests.map((r) => r.url)).toEqual(['/hook']);
  });

  it('notifies once when two console instances see the same failure', async () => {
    const a = instance();
    const b = instance(await db.another());
    await configure(a.config, [{ kind: 'backup_failed', id: 'r1' }]);
    await Promise.all([a.engine.observe(finished({})), b.engine.observe(finished({}))]);
    await Promise.all([a.worker.tick(), b.worker.tick()]);
    expect(rx.requests).toHaveLength(2);
    expect(new Set(rx.requests.map((r) => r.url.split('?')[0]))).toEqual(
      new Set(['/robot/send', '/hook']),
    );
  });

  it('delivers a message queued before a restart once the console is back', async () => {
    const first = instance();
    await configure(first.config, [{ kind: 'backup_failed', id: 'r1' }]);
    const port = rx.port;
    await rx.stop();
    await first.engine.observe(finished({}));
    expect(rx.requests).toHaveLength(0);
    await rx.start(port);
    // The "restarted" console: a new connection, a new worker, nothing in memory carried over.
    const second = instance(await db.another());
    clock += 10_000;
    await second.worker.tick();
    expect(rx.requests).toHaveLength(2);
    clock += 3_600_000;
    await second.worker.tick();
    await first.worker.tick();
    expect(rx.requests).toHaveLength(2);
  });
});

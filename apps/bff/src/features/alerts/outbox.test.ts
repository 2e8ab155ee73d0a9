import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpReceiver } from '../../testing/http-receiver.js';
import { OutboundPolicy } from './channels/allowed-hosts.js';
import { sendToChannel } from './channels/send.js';
import type { ChannelTarget } from './channels/types.js';
import { channel, failedBackupMessage } from './channels/fixtures.test-helpers.js';
import { SqlOutbox } from '@obconsole/store';
import { tempStore, type TempStore } from '../../testing/store.js';
import type { AlertMessage } from './channels/types.js';
import { OutboxWorker, RETRY_FOR_MS, backoffMs, entriesFor } from './outbox.js';

describe('alert outbox', () => {
  const rx = new HttpReceiver();
  let clock = Date.parse('2026-12-02T10:00:00Z');
  const now = () => clock;
  let repo: SqlOutbox<AlertMessage>;
  let db: TempStore;
  /** The stored entries and their delivery log, as the store has them. */
  const entries = () => db.store.db.selectFrom('alert_outbox').selectAll().execute();
  const log = () => repo.deliveries('obcluster-hz', 1000).then((l) => l.reverse());
  let hook: ChannelTarget;
  const policy = new OutboundPolicy(['127.0.0.1']);
  const worker = (r = repo) =>
    new OutboxWorker({
      repo: r,
      now,
      send: (m, ch) => sendToChannel(m, ch, { policy, now, timeoutMs: 2000 }),
      channel: (_cluster, id) => Promise.resolve(id === hook.id ? hook : undefined),
    });

  beforeAll(() => rx.start());
  afterAll(() => rx.stop());
  afterEach(() => db.cleanup());
  beforeEach(async () => {
    db = await tempStore();
    if (!rx.port) await rx.start();
    rx.requests.length = 0;
    rx.answer = { status: 200, body: 'ok' };
    repo = new SqlOutbox<AlertMessage>(db.store);
    hook = channel({ kind: 'webhook', url: rx.url(), id: 'c1' });
  });

  it('stores a notification queued twice once, and sends it once', async () => {
    const m = failedBackupMessage();
    await repo.enqueue(entriesFor(m, 'obcluster-hz', ['c1'], clock));
    await repo.enqueue(entriesFor(m, 'obcluster-hz', ['c1'], clock));
    const w = worker();
    expect(await w.tick()).toBe(1);
    expect(await w.tick()).toBe(0);
    expect(rx.requests).toHaveLength(1);
    expect(await entries()).toMatchObject([{ state: 'sent', attempts: 1 }]);
    expect(await log()).toMatchObject([{ ok: true, status: 200, attempt: 1, channelId: 'c1' }]);
  });

  it('delivers once after the receiver was down for a minute, backing off meanwhile', async () => {
    const port = rx.port;
    await rx.stop();
    await repo.enqueue(entriesFor(failedBackupMessage(), 'obcluster-hz', ['c1'], clock));
    const w = worker();
    const start = clock;
    let attempts = 0;
    while (clock - start < 60_000) {
      attempts += await w.tick();
      clock += 1_000;
    }
    // 0 s, 5 s, 15 s, 35 s: backoff, not one attempt per tick.
    expect(attempts).toBe(4);
    expect((await log()).every((l) => !l.ok && /could not reach/.test(l.error))).toBe(true);
    await rx.start(port);
    while (rx.requests.length === 0 && clock - start < 10 * 60_000) {
      await w.tick();
      clock += 1_000;
    }
    await w.tick();
    clock += 60 * 60_000;
    await w.tick();
    expect(rx.requests).toHaveLength(1);
    expect(await entries()).toMatchObject([{ state: 'sent', attempts: 5 }]);
  });

  it('sends each queued message once after a restart, and a crashed send again after its lease', async () => {
    await repo.enqueue([
      ...entriesFor(failedBackupMessage({ id: 'a:opened' }), 'obcluster-hz', ['c1'], clock),
      ...entriesFor(failedBackupMessage({ id: 'b:opened' }), 'obcluster-hz', ['c1'], clock),
    ]);
    // An instance claims both and dies before sending.
    expect(await repo.claimDue(clock, 10, 60_000)).toHaveLength(2);
    // The restarted console opens the store anew.
    const restarted = worker(new SqlOutbox<AlertMessage>(await db.another()));
    expect(await restarted.tick()).toBe(0);
    clock += 60_001;
    expect(await restarted.tick()).toBe(2);
    await restarted.tick();
    expect(rx.requests.map((r) => r.headers['x-obconsole-message-id']).sort()).toEqual([
      'a:opened',
      'b:opened',
    ]);
  });

  it('gives up on a refusal at once, and on a receiver that keeps failing after 24 hours', async () => {
    rx.answer = { status: 400, body: 'no' };
    await repo.enqueue(entriesFor(failedBackupMessage({ id: 'x' }), 'obcluster-hz', ['c1'], clock));
    await worker().tick();
    expect(await entries()).toMatchObject([{ state: 'failed', attempts: 1 }]);

    await db.cleanup();
    db = await tempStore();
    repo = new SqlOutbox<AlertMessage>(db.store);
    rx.answer = { status: 503, body: 'busy' };
    await repo.enqueue(entriesFor(failedBackupMessage({ id: 'y' }), 'obcluster-hz', ['c1'], clock));
    const w = worker();
    const start = clock;
    while (clock - start <= RETRY_FOR_MS + 3_600_000) {
      await w.tick();
      clock += 60_000;
    }
    const [e] = await entries();
    expect(e!.state).toBe('failed');
    expect(e!.last_error).toBe('the receiver answered HTTP 503');
    // 5 s doubling to a 30 min ceiling: about 54 attempts in a day, not one a minute.
    expect(e!.attempts).toBeGreaterThan(40);
    expect(e!.attempts).toBeLessThan(70);
  });

  it('fails an entry whose channel was deleted, saying so', async () => {
    await repo.enqueue(entriesFor(failedBackupMessage(), 'obcluster-hz', ['gone'], clock));
    await worker().tick();
    expect(await log()).toMatchObject([{ ok: false, error: 'the channel was deleted' }]);
  });

  it('backs off 5 s, 10 s, 20 s ... up to 30 minutes', () => {
    expect([1, 2, 3, 4, 12, 30].map(backoffMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 1_800_000, 1_800_000,
    ]);
  });
});

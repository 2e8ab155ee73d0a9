import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, makeBackend, type TestBackend } from './test-helpers/backends.js';
import { PolicyRepository } from './policies/policy-repo.js';
import { PolicyRunStore } from './policies/run-repo.js';
import { IncidentStore, type StoredIncident } from './alerts/incident-repo.js';
import { SqlOutbox, type OutboxEntry } from './alerts/outbox-repo.js';
import { DuplicateNameError } from './unique.js';
import type { PolicyRecord } from './policies/types.js';

const policy = (over: Partial<PolicyRecord> = {}): PolicyRecord => ({
  id: 'p1',
  clusterId: 'hz',
  name: 'nightly',
  tenants: ['mysql_tenant'],
  full: { cron: '0 2 * * 0' },
  incremental: { cron: '0 2 * * 1-6' },
  timeZone: 'Asia/Shanghai',
  plusArchivelog: true,
  description: '每晚',
  sealedPassword: 'v1:sealed',
  enabled: true,
  catchUpMinutes: 60,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  scheduleSince: '2026-12-01T00:00:00.000Z',
  ...over,
});

const incident = (over: Partial<StoredIncident> = {}): StoredIncident => ({
  id: 'i1',
  key: 'r1|1002|full',
  ruleId: 'r1',
  clusterId: 'hz',
  tenant: { id: 1002, name: 'mysql_tenant' },
  condition: { kind: 'backup_failed', job: { jobId: 7 } },
  openedAt: '2026-12-02T10:00:00.000Z',
  resolvedAt: null,
  lastNotifiedAt: '2026-12-02T10:00:00.000Z',
  reminders: 0,
  ...over,
});

const entry = (id: string, now: number): OutboxEntry => ({
  id: `${id}|c1`,
  messageId: id,
  channelId: 'c1',
  clusterId: 'hz',
  message: { id, text: '备份失败' },
  createdAt: now,
  attempts: 0,
  nextAttemptAt: now,
  state: 'pending',
  lastError: '',
});

describe.each(BACKENDS)('policies and alerts in the store on %s', (kind) => {
  let b: TestBackend;
  afterEach(async () => {
    await b?.cleanup();
  });

  it('keeps policies per cluster, refuses a name used twice in one cluster', async () => {
    b = await makeBackend(kind);
    const s = await b.open();
    const repo = new PolicyRepository(s);
    await repo.create(policy());
    await repo.create(policy({ id: 'p2', clusterId: 'sh' }));
    await expect(repo.create(policy({ id: 'p3' }))).rejects.toThrow(DuplicateNameError);
    expect(await repo.get('hz', 'p1')).toEqual(policy());
    expect(await repo.get('sh', 'p1')).toBeUndefined();
    expect((await repo.list('hz')).map((p) => p.id)).toEqual(['p1']);
    expect(
      await repo.update(policy({ enabled: false, updatedAt: '2026-12-02T00:00:00.000Z' })),
    ).toBe(true);
    expect(await repo.enabled('hz')).toEqual([]);
    expect(await repo.delete('sh', 'p1')).toBe(false);
    expect(await repo.delete('hz', 'p1')).toBe(true);
  });

  it('runs each of 50 slots once when two instances claim them at the same time', async () => {
    b = await makeBackend(kind);
    const [one, two] = [new PolicyRunStore(await b.open()), new PolicyRunStore(await b.open())];
    const base = Date.parse('2026-12-02T00:00:00Z');
    const claims = [];
    for (let i = 0; i < 50; i++) {
      const slot = new Date(base + i * 60_000).toISOString();
      for (const [n, store] of [one, two, one].entries())
        claims.push(
          store
            .claim({
              id: `r${i}-${n}`,
              policyId: 'p1',
              clusterId: 'hz',
              slot,
              type: 'full',
              trigger: 'schedule',
              createdAt: slot,
            })
            .then((won) => (won ? slot : null)),
        );
    }
    const won = (await Promise.all(claims)).filter((x) => x !== null);
    expect(won).toHaveLength(50);
    expect(new Set(won).size).toBe(50);
    expect(await one.lastScheduledSlot('p1')).toBe(new Date(base + 49 * 60_000).toISOString());
    // A manual run at the same instant is another trigger: it may run.
    expect(
      await two.claim({
        id: 'm',
        policyId: 'p1',
        clusterId: 'hz',
        slot: new Date(base).toISOString(),
        type: 'full',
        trigger: 'manual',
        createdAt: new Date(base).toISOString(),
      }),
    ).toBe(true);
  });

  it('lists the runs whose claimant never completed them, and records each abandoned run once however many instances sweep it', async () => {
    b = await makeBackend(kind);
    const [one, two] = [new PolicyRunStore(await b.open()), new PolicyRunStore(await b.open())];
    const at = (h: number) => new Date(Date.UTC(2026, 11, 2, h)).toISOString();
    for (const [id, h] of [
      ['old', 1],
      ['done', 2],
      ['fresh', 3],
    ] as const)
      await one.claim({
        id,
        policyId: 'p1',
        clusterId: 'hz',
        slot: at(h),
        type: 'full',
        trigger: 'schedule',
        createdAt: at(h),
      });
    await one.complete('done', [{ tenant: 't', outcome: 'started', jobId: 7 }]);
    // Claimed before 03:00 and still open: only "old" ("fresh" may still be running).
    expect((await two.unfinished('p1', at(3))).map((r) => r.id)).toEqual(['old']);
    const outcome = [{ tenant: 't', outcome: 'missed' as const, code: 'RUN_INTERRUPTED' }];
    const swept = await Promise.all([
      one.completeIfUnfinished('old', outcome),
      two.completeIfUnfinished('old', outcome),
    ]);
    expect(swept.filter(Boolean)).toHaveLength(1);
    expect(await one.unfinished('p1', at(4))).toEqual([
      expect.objectContaining({ id: 'fresh', tenants: [] }),
    ]);
    // A completed run is never overwritten by a sweep.
    expect(await two.completeIfUnfinished('done', outcome)).toBe(false);
    expect((await one.latest('hz', 'p1'))?.id).toBe('fresh');
  });

  it("pages a policy's runs newest first with their per-tenant outcomes", async () => {
    b = await makeBackend(kind);
    const runs = new PolicyRunStore(await b.open());
    for (let i = 0; i < 5; i++) {
      const slot = new Date(Date.UTC(2026, 11, 1, i)).toISOString();
      await runs.claim({
        id: `r${i}`,
        policyId: 'p1',
        clusterId: 'hz',
        slot,
        type: 'full',
        trigger: 'schedule',
        createdAt: slot,
      });
      await runs.complete(`r${i}`, [{ tenant: 'mysql_tenant', outcome: 'started', jobId: i }]);
    }
    const first = await runs.page('hz', 'p1', 2);
    expect(first.map((r) => r.id)).toEqual(['r4', 'r3']);
    const next = await runs.page('hz', 'p1', 2, { slot: first[1]!.slot, id: first[1]!.id });
    expect(next.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(next[0]!.tenants).toEqual([{ tenant: 'mysql_tenant', outcome: 'started', jobId: 2 }]);
    expect(await runs.page('sh', 'p1', 10)).toEqual([]);
  });

  it('opens one incident per condition across instances, and a new one after it resolved', async () => {
    b = await makeBackend(kind);
    const [one, two] = [new IncidentStore(await b.open()), new IncidentStore(await b.open())];
    const opened = await Promise.all([
      one.open(incident()),
      two.open(incident({ id: 'i2' })),
      one.open(incident({ id: 'i3' })),
    ]);
    expect(opened.filter(Boolean)).toHaveLength(1);
    const [open] = await one.openOf('hz');
    expect(open).toMatchObject({
      key: 'r1|1002|full',
      tenant: { id: 1002, name: 'mysql_tenant' },
      condition: { kind: 'backup_failed' },
    });
    expect(await one.remind(open!.id, 1, '2026-12-02T10:30:00.000Z')).toBe(true);
    expect(await two.remind(open!.id, 1, '2026-12-02T10:30:00.000Z')).toBe(false);
    expect(await one.resolve(open!.id, '2026-12-02T11:00:00.000Z')).toBe(true);
    expect(await two.resolve(open!.id, '2026-12-02T11:00:00.000Z')).toBe(false);
    expect(await one.open(incident({ id: 'i4', openedAt: '2026-12-03T00:00:00.000Z' }))).toBe(true);
    expect((await one.list('hz', 'resolved', 10)).map((i) => i.resolvedAt)).toEqual([
      '2026-12-02T11:00:00.000Z',
    ]);
    expect((await one.list('hz', 'all', 10)).map((i) => i.id)).toEqual(['i4', open!.id]);
  });

  it('queues a message once, and lets only one instance claim an entry until its lease ends', async () => {
    b = await makeBackend(kind);
    const [one, two] = [new SqlOutbox(await b.open()), new SqlOutbox(await b.open())];
    const now = Date.parse('2026-12-02T10:00:00Z');
    await one.enqueue([entry('a', now), entry('b', now)]);
    await two.enqueue([entry('a', now)]);
    const [x, y] = await Promise.all([
      one.claimDue(now, 10, 60_000),
      two.claimDue(now, 10, 60_000),
    ]);
    const ids = [...x, ...y].map((e) => e.id).sort();
    expect(ids).toEqual(['a|c1', 'b|c1']);
    expect(await two.claimDue(now + 1000, 10, 60_000)).toEqual([]);
    const back = await two.claimDue(now + 60_001, 10, 60_000);
    expect(back.map((e) => e.message)).toEqual(
      expect.arrayContaining([{ id: 'a', text: '备份失败' }]),
    );
    for (const e of back)
      await two.settle(
        { ...e, attempts: 1, state: 'sent' },
        {
          entryId: e.id,
          channelId: 'c1',
          clusterId: 'hz',
          messageId: e.messageId,
          at: now + 60_002,
          attempt: 1,
          ok: true,
          status: 200,
          error: '',
          response: 'ok',
        },
      );
    expect(await one.claimDue(now + 999_999, 10, 60_000)).toEqual([]);
    expect(await one.pending('hz')).toBe(0);
    expect((await one.deliveries('hz', 10)).map((d) => [d.messageId, d.ok, d.status])).toEqual(
      expect.arrayContaining([
        ['a', true, 200],
        ['b', true, 200],
      ]),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  evaluate,
  messageId,
  remindersDue,
  type Observation,
  type Transition,
} from './evaluate.js';
import type { AlertRule, Incident } from './rules.js';
import type { JobFacts } from './channels/types.js';
import { consoleLinks, messageOf } from './message.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const mysql = { id: 1002, name: 'mysql_tenant' };
const trade = { id: 1004, name: 'trade_tenant' };

function rule(over: Partial<AlertRule> & Pick<AlertRule, 'kind'>): AlertRule {
  return {
    id: over.kind,
    clusterId: 'obcluster-hz',
    name: over.kind,
    tenants: 'all',
    params: {},
    channels: ['c1'],
    severity: 'critical',
    enabled: true,
    mutedUntil: null,
    remindEveryMinutes: null,
    ...over,
  };
}

function job(over: Partial<JobFacts> = {}): JobFacts {
  return {
    tenantId: 1002,
    jobId: 7,
    type: 'full',
    status: 'FAILED',
    result: -9040,
    comment: '',
    startTime: '2026-12-02T09:00:00.000Z',
    endTime: '2026-12-02T09:59:00.000Z',
    ...over,
  };
}

/** Applies transitions to the open set, as the store would. */
function apply(open: Map<string, Incident>, ts: Transition[]): Map<string, Incident> {
  for (const t of ts) {
    if (t.kind === 'resolve') open.delete(t.incident.key);
    else open.set(t.incident.key, t.incident);
  }
  return open;
}

function run(rules: AlertRule[], steps: Observation[], nowMs = T0) {
  const open = new Map<string, Incident>();
  const all: Transition[] = [];
  for (const o of steps) {
    const ts = evaluate(rules, open, o, nowMs);
    all.push(...ts);
    apply(open, ts);
  }
  return { all, open };
}

const finished = (tenant: typeof mysql, j: Partial<JobFacts>): Observation => ({
  kind: 'job_finished',
  tenant,
  job: job({ tenantId: tenant.id, ...j }),
});

describe('alert rules', () => {
  it('opens one incident per tenant and backup type for failures, resolved by the next success of that type', () => {
    const { all } = run(
      [rule({ kind: 'backup_failed' })],
      [
        finished(mysql, { jobId: 7 }),
        finished(mysql, { jobId: 8 }), // still open: no second message
        finished(mysql, { jobId: 9, type: 'incremental', status: 'COMPLETED' }), // other type
        finished(trade, { jobId: 3 }),
        finished(mysql, { jobId: 10, status: 'COMPLETED' }),
      ],
    );
    expect(all.map((t) => `${t.kind} ${t.incident.tenant?.name}`)).toEqual([
      'open mysql_tenant',
      'open trade_tenant',
      'resolve mysql_tenant',
    ]);
    const resolved = all[2]!;
    expect(resolved.kind === 'resolve' && resolved.resolution).toEqual({
      by: 'backup_succeeded',
      jobId: 10,
      type: 'full',
    });
  });

  it('treats a cancel as a decision: only backup_canceled reacts to it', () => {
    const canceled = finished(mysql, { status: 'CANCELED', result: -4072 });
    expect(run([rule({ kind: 'backup_failed' })], [canceled]).all).toHaveLength(0);
    expect(run([rule({ kind: 'backup_canceled' })], [canceled]).all.map((t) => t.kind)).toEqual([
      'open',
    ]);
  });

  it('keeps to its tenants and its backup type', () => {
    const scoped = rule({ kind: 'backup_failed', tenants: ['trade_tenant'] });
    expect(run([scoped], [finished(mysql, {})]).all).toHaveLength(0);
    const fullOnly = rule({ kind: 'backup_failed', params: { type: 'full' } });
    expect(run([fullOnly], [finished(mysql, { type: 'incremental' })]).all).toHaveLength(0);
    expect(
      run([rule({ kind: 'backup_failed', enabled: false })], [finished(mysql, {})]).all,
    ).toHaveLength(0);
  });

  it('opens backup_slow once per job past its minutes, and resolves it when the job ends', () => {
    const slow = rule({ kind: 'backup_slow', params: { minutes: 60 } });
    const running = (startTime: string): Observation => ({
      kind: 'active_jobs',
      jobs: [{ tenant: mysql, job: job({ status: 'DOING', startTime }) }],
    });
    expect(run([slow], [running('2026-12-02T09:01:00.000Z')]).all).toHaveLength(0);
    const { all } = run(
      [slow],
      [
        running('2026-12-02T09:00:00.000Z'),
        running('2026-12-02T09:00:00.000Z'),
        finished(mysql, { status: 'COMPLETED' }),
      ],
    );
    expect(all.map((t) => t.kind)).toEqual(['open', 'resolve']);
    expect(all[0]!.incident.condition).toMatchObject({
      kind: 'backup_slow',
      runningMinutes: 60,
      limitMinutes: 60,
    });
  });

  it('opens no_success when the newest success is too old or missing, and clears when it is fresh', () => {
    const days = rule({ kind: 'no_success', params: { days: 7 } });
    const health = (lastFullSuccessAt: string | null): Observation => ({
      kind: 'tenant_health',
      tenants: [
        {
          tenant: mysql,
          lastFullSuccessAt,
          lastAnySuccessAt: null,
          archiveStatus: 'DOING',
          archiveLagSeconds: 0,
        },
      ],
    });
    const { all } = run(
      [days],
      [health('2026-11-24T09:00:00.000Z'), health(null), health('2026-12-01T00:00:00.000Z')],
    );
    expect(all.map((t) => t.kind)).toEqual(['open', 'resolve']);
    expect(all[0]!.incident.condition).toEqual({
      kind: 'no_success',
      of: 'full',
      limit: 7,
      lastSuccessAt: '2026-11-24T09:00:00.000Z',
    });
    const hours = rule({ kind: 'no_success', params: { hours: 12 } });
    const byJob = run(
      [hours],
      [
        {
          kind: 'tenant_health',
          tenants: [
            {
              tenant: mysql,
              lastFullSuccessAt: null,
              lastAnySuccessAt: null,
              archiveStatus: null,
              archiveLagSeconds: null,
            },
          ],
        },
        finished(mysql, { status: 'COMPLETED', type: 'incremental', jobId: 12 }),
      ],
    );
    expect(byJob.all.map((t) => t.kind)).toEqual(['open', 'resolve']);
  });

  it('opens archive_not_doing when archiving leaves DOING, once, and resolves when it is DOING again', () => {
    const r = rule({ kind: 'archive_not_doing' });
    const at = (archiveStatus: string | null): Observation => ({
      kind: 'tenant_health',
      tenants: [
        {
          tenant: mysql,
          lastFullSuccessAt: null,
          lastAnySuccessAt: null,
          archiveStatus,
          archiveLagSeconds: null,
        },
      ],
    });
    const { all } = run([r], [at(null), at('PREPARE'), at('STOP'), at('INTERRUPTED'), at('DOING')]);
    expect(all.map((t) => t.kind)).toEqual(['open', 'resolve']);
    expect(all[0]!.incident.condition).toEqual({
      kind: 'archive_not_doing',
      archiveStatus: 'STOP',
    });
  });

  it('opens archive_lag past its seconds while archiving, and resolves back within them', () => {
    const r = rule({ kind: 'archive_lag', params: { seconds: 600 } });
    const lag = (archiveStatus: string, archiveLagSeconds: number): Observation => ({
      kind: 'tenant_health',
      tenants: [
        {
          tenant: mysql,
          lastFullSuccessAt: null,
          lastAnySuccessAt: null,
          archiveStatus,
          archiveLagSeconds,
        },
      ],
    });
    const { all } = run(
      [r],
      [lag('STOP', 5000), lag('DOING', 700), lag('DOING', 900), lag('DOING', 30)],
    );
    expect(all.map((t) => t.kind)).toEqual(['open', 'resolve']);
  });

  it('opens policy_run_not_started for a skipped, refused or missed run, and resolves at the next start', () => {
    const r = rule({ kind: 'policy_run_not_started' });
    const runOf = (outcome: 'started' | 'refused', slot: string): Observation => ({
      kind: 'policy_run',
      policy: 'nightly',
      slot,
      tenant: mysql,
      outcome,
      reason: 'log archiving is not DOING',
    });
    const { all } = run(
      [r],
      [runOf('refused', 's1'), runOf('refused', 's2'), runOf('started', 's3')],
    );
    expect(all.map((t) => t.kind)).toEqual(['open', 'resolve']);
    expect(all[1]!.kind === 'resolve' && all[1]!.resolution).toEqual({
      by: 'run_started',
      slot: 's3',
    });
  });

  it('records incidents of a muted rule without notifying, and sends no "resolved" for them', () => {
    const muted = rule({ kind: 'backup_failed', mutedUntil: '2026-12-02T12:00:00.000Z' });
    const { all } = run([muted], [finished(mysql, {}), finished(mysql, { status: 'COMPLETED' })]);
    expect(all.map((t) => [t.kind, t.notify])).toEqual([
      ['open', false],
      ['resolve', false],
    ]);
    const later = run([muted], [finished(mysql, {})], Date.parse('2026-12-02T12:00:01Z'));
    expect(later.all[0]!.notify).toBe(true);
  });

  it('reminds every N minutes while open, each reminder its own message', () => {
    const r = rule({ kind: 'backup_failed', remindEveryMinutes: 30 });
    const { open } = run([r], [finished(mysql, {})]);
    expect(remindersDue([r], open.values(), T0 + 29 * 60_000)).toHaveLength(0);
    const first = remindersDue([r], open.values(), T0 + 30 * 60_000);
    expect(first).toHaveLength(1);
    apply(open, first);
    expect(remindersDue([r], open.values(), T0 + 45 * 60_000)).toHaveLength(0);
    const second = remindersDue([r], open.values(), T0 + 60 * 60_000);
    expect(second.map(messageId)).toEqual([`${first[0]!.incident.id}:reminder:2`]);
    expect(
      remindersDue([{ ...r, remindEveryMinutes: null }], open.values(), T0 + 600 * 60_000),
    ).toHaveLength(0);
  });

  it('builds the message with its stable id and the link to the job', () => {
    const r = rule({ kind: 'backup_failed' });
    const [t] = run([r], [finished(mysql, { jobId: 7 })]).all;
    const m = messageOf(
      t!,
      r,
      { id: 'obcluster-hz', name: 'hz' },
      consoleLinks('https://console.example.com/'),
      T0,
    );
    expect(m).toMatchObject({
      id: `${t!.incident.id}:opened`,
      event: 'opened',
      tenant: mysql,
      link: 'https://console.example.com/clusters/obcluster-hz/history/1002/7',
    });
    expect(consoleLinks(undefined)('hz', null)).toBeNull();
    expect(consoleLinks('https://c.example')('hz', null)).toBe(
      'https://c.example/clusters/hz/alerts',
    );
  });
});

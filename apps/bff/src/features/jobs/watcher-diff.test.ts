import { describe, expect, it } from 'vitest';
import type { ActiveJob, HistoryItem, JobStatus, TaskStatus } from '@obconsole/contracts';
import type { HistoryRow } from './history.sql.js';
import { toHistoryItem } from './history-rows.js';
import { applyPoll, type WatchState } from './watcher-diff.js';
import { FinishedKeyset } from './watcher-keyset.js';

/*
 * The state step alone, for the cases the simulator cannot produce: it moves a job from the
 * running view to the history in one transaction, while a real cluster's views may disagree
 * for a moment in either direction.
 */

function active(jobId: number, status: JobStatus, phase: TaskStatus | null): ActiveJob {
  return {
    tenantId: 1002,
    tenantName: 'mysql_tenant',
    jobId,
    backupSetId: jobId,
    level: 'USER_TENANT',
    type: 'full',
    status,
    phase,
    plusArchivelog: false,
    encryptionMode: 'NONE',
    description: '',
    initiator: 'TENANT',
    startTime: '2026-12-01T08:00:00.000000Z',
    path: 'file:///data/backup/mysql_tenant/data',
    progress: {
      percent: 10,
      macroBlocks: { done: 0, total: 0 },
      tablets: { done: 0, total: 0 },
      inputBytes: 0,
      outputBytes: 0,
      rateBytesPerSec: 0,
      elapsedSeconds: 1,
      etaSeconds: null,
    },
  };
}

function row(jobId: number, end: string): HistoryRow {
  return {
    tenantId: 1002,
    jobId,
    backupSetId: jobId,
    initiatorTenantId: 1002,
    jobLevel: 'USER_TENANT',
    backupType: 'FULL',
    status: 'COMPLETED',
    plusArchivelog: 'OFF',
    encryptionMode: 'NONE',
    description: '',
    startTimestamp: '2026-12-01 08:00:00.000000',
    endTimestamp: end,
    result: 0,
    comment: '',
    path: 'file:///data/backup/mysql_tenant/data',
  };
}

const item = (r: HistoryRow): HistoryItem => toHistoryItem(r, 'mysql_tenant', undefined);

function fresh(): WatchState {
  return {
    running: new Map(),
    held: new Map(),
    keyset: new FinishedKeyset(60_000),
    firstActiveRead: true,
  };
}

function step(state: WatchState, jobs: ActiveJob[], rows: HistoryRow[] = []) {
  return applyPoll(
    state,
    { active: jobs, rows, items: rows.map(item) },
    'hz',
    Date.UTC(2026, 11, 1),
  );
}

describe('one poll of the watcher, as a state step', () => {
  it('holds a job that left the running view before reaching the history, then reports its end once', () => {
    const s = fresh();
    expect(step(s, [active(7, 'DOING', 'BACKUP_DATA_MINOR')]).map((e) => e.type)).toEqual([
      'job.started',
    ]);
    expect(step(s, [])).toEqual([]);
    expect([...s.held.keys()]).toEqual(['1002:7']);
    expect(step(s, [])).toEqual([]);
    const end = step(s, [], [row(7, '2026-12-01 08:05:00.000000')]);
    expect(end).toMatchObject([{ type: 'job.finished', seenRunning: true, job: { jobId: 7 } }]);
    expect(s.held.size).toBe(0);
    expect(step(s, [], [row(7, '2026-12-01 08:05:00.000000')])).toEqual([]);
  });

  it('a job in both views at once is finished, with no phase event', () => {
    const s = fresh();
    step(s, [active(8, 'DOING', 'BACKUP_DATA_MINOR')]);
    const e = step(s, [active(8, 'DOING', 'BACKUP_LOG')], [row(8, '2026-12-01 08:06:00.000000')]);
    expect(e.map((x) => x.type)).toEqual(['job.finished']);
    expect(s.running.size).toBe(0);
  });

  it('a running view that still shows a job already reported as finished is ignored', () => {
    const s = fresh();
    step(s, [], [row(9, '2026-12-01 08:07:00.000000')]);
    expect(step(s, [active(9, 'DOING', 'BACKUP_LOG')])).toEqual([]);
  });

  it('reports a phase change with the previous state, and no event when nothing changed', () => {
    const s = fresh();
    step(s, [active(10, 'INIT', null)]);
    expect(step(s, [active(10, 'INIT', null)])).toEqual([]);
    const e = step(s, [active(10, 'DOING', 'BACKUP_SYS_META')]);
    expect(e).toMatchObject([
      { type: 'job.phase', previous: { status: 'INIT', phase: null }, job: { status: 'DOING' } },
    ]);
  });

  it('only the first read of the running view says alreadyRunning', () => {
    const s = fresh();
    expect(step(s, [active(11, 'DOING', 'BACKUP_LOG')])).toMatchObject([
      { type: 'job.started', alreadyRunning: true },
    ]);
    expect(step(s, [active(11, 'DOING', 'BACKUP_LOG'), active(12, 'INIT', null)])).toMatchObject([
      { type: 'job.started', alreadyRunning: false, job: { jobId: 12 } },
    ]);
  });
});

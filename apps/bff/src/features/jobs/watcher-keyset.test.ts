import { describe, expect, it } from 'vitest';
import { FinishedKeyset, obTimeToUs, usToObTime } from './watcher-keyset.js';

const us = obTimeToUs;
const row = (endTimestamp: string, tenantId: number, jobId: number) => ({
  endTimestamp,
  tenantId,
  jobId,
});

describe('the finished-job keyset', () => {
  it('reads microsecond UTC text and writes it back unchanged', () => {
    for (const t of ['2026-12-01 08:00:00.000001', '2026-12-01 23:59:59.999999']) {
      expect(usToObTime(obTimeToUs(t))).toBe(t);
    }
    expect(obTimeToUs('2026-12-01 08:00:00')).toBe(Date.parse('2026-12-01T08:00:00Z') * 1000);
    expect(obTimeToUs('not a time')).toBeNaN();
  });

  it('reads again from the overlap before the newest end time seen', () => {
    const k = new FinishedKeyset(60_000);
    expect(k.since()).toBeNull();
    k.startAt('2026-12-01 08:10:00.500000');
    expect(k.since()).toBe('2026-12-01 08:09:00.500000');
    k.add(row('2026-12-01 08:20:00.000000', 1002, 7));
    expect(k.since()).toBe('2026-12-01 08:19:00.000000');
    // An older end time does not move the position back.
    k.add(row('2026-12-01 08:15:00.000000', 1004, 3));
    expect(k.position).toBe('2026-12-01 08:20:00.000000');
  });

  it('reports jobs with the same end time each once, told apart by tenant and job', () => {
    const k = new FinishedKeyset(60_000);
    const t = '2026-12-01 08:00:00.000000';
    expect([k.add(row(t, 1002, 5)), k.add(row(t, 1004, 5)), k.add(row(t, 1002, 6))]).toEqual([
      true,
      true,
      true,
    ]);
    expect([k.add(row(t, 1002, 5)), k.add(row(t, 1004, 5))]).toEqual([false, false]);
  });

  it('a job that arrives late with an end time older than the position is reported once, inside the overlap', () => {
    const k = new FinishedKeyset(60_000);
    k.add(row('2026-12-01 08:00:30.000000', 1002, 9));
    // Ended before the newest one seen, committed later: still within the re-read window.
    const late = row('2026-12-01 08:00:10.000000', 1004, 2);
    expect(obTimeToUs(late.endTimestamp)).toBeGreaterThanOrEqual(obTimeToUs(k.since()!));
    expect(k.add(late)).toBe(true);
    expect(k.add(late)).toBe(false);
  });

  it('forgets only the reports that no read can return again', () => {
    const k = new FinishedKeyset(60_000);
    k.add(row('2026-12-01 08:00:00.000000', 1002, 1));
    k.add(row('2026-12-01 08:00:50.000000', 1002, 2));
    k.add(row('2026-12-01 08:01:30.000000', 1002, 3));
    k.prune();
    // The bound is 08:00:30: job 1 ended before it, jobs 2 and 3 can still be read again.
    expect(k.remembered).toBe(2);
    expect(k.has({ tenantId: 1002, jobId: 2 })).toBe(true);
    expect(k.has({ tenantId: 1002, jobId: 1 })).toBe(false);
  });

  it('keeps the position at or behind the cluster present last read', () => {
    const k = new FinishedKeyset(60_000);
    k.add(row('2026-12-01 08:00:00.000000', 1002, 1));
    k.observe(us('2026-12-01 08:10:00.000000'));
    // Two seconds past the present (it ended after the clock was read): reported, the position stops at the present.
    expect(k.add(row('2026-12-01 08:10:02.000000', 1002, 2))).toBe(true);
    expect(k.position).toBe('2026-12-01 08:10:00.000000');
    expect(k.has({ tenantId: 1002, jobId: 2 })).toBe(true);
  });

  it('sees a step back only when the cluster present is behind the position by more than the overlap, and starts again from it less the time since the last check', () => {
    const k = new FinishedKeyset(60_000);
    expect(k.stepBack(us('2026-12-01 06:00:00.000000'), 0)).toBeNull(); // no position yet
    k.add(row('2026-12-01 10:00:00.000000', 1002, 4));
    expect(k.stepBack(us('2026-12-01 09:59:30.000000'), 0)).toBeNull(); // within the overlap
    const step = k.stepBack(us('2026-12-01 08:00:00.000000'), 20_000)!;
    expect(step).toEqual({
      fromUs: us('2026-12-01 10:00:00.000000'),
      clusterUs: us('2026-12-01 08:00:00.000000'),
      restartUs: us('2026-12-01 07:59:40.000000'),
    });
    expect(k.sinceStep(step)).toBe('2026-12-01 07:58:40.000000');
    // The time since the last check is never negative (this host's clock stepped too).
    expect(k.stepBack(us('2026-12-01 08:00:00.000000'), -5_000)!.restartUs).toBe(step.clusterUs);
  });

  it('after a rebuilt history (nothing ended after the cluster present) every row is news and the old reports and job ids are forgotten', () => {
    const k = new FinishedKeyset(60_000);
    k.add(row('2026-12-01 10:00:00.000000', 1002, 1));
    const step = k.stepBack(us('2026-12-01 08:00:00.000000'), 0)!;
    // The new cluster's first job has the old one's key.
    const fresh = row('2026-12-01 07:59:30.000000', 1002, 1);
    const read = k.sortAfterStep(step, [fresh], () => false);
    expect(read).toEqual({ rebuilt: true, fresh: [fresh], known: [] });
    k.restart({ step, rebuilt: true, known: [], jobIds: new Map([[1002, 1]]) });
    expect(k.has(fresh)).toBe(false);
    expect(k.since()).toBe('2026-12-01 07:59:00.000000');
    expect(k.add(fresh)).toBe(true);
  });

  it('after an NTP step (the old rows kept) a row below the old lower bound was reported, unless its job id is new for its tenant or the job was seen running', () => {
    const k = new FinishedKeyset(60_000);
    // History when the watcher started: tenant 1004 last backed up at 07:59.
    k.noteJobIds(new Map([[1004, 3]]));
    k.add(row('2026-12-01 09:00:00.000000', 1002, 5));
    k.add(row('2026-12-01 10:00:00.000000', 1002, 6));
    k.prune(); // job 5 is forgotten: below the lower bound, no read could return it again
    // Back to 08:00, a minute after tenant 1004's last backup of the old timeline.
    const step = k.stepBack(us('2026-12-01 08:00:00.000000'), 0)!;
    const rows = [
      row('2026-12-01 07:59:00.000000', 1004, 3), // before the step, at the start: history
      row('2026-12-01 07:59:10.000000', 1002, 7), // started after the last poll: news
      row('2026-12-01 07:59:20.000000', 1004, 2), // seen running, ended after the step: news
      row('2026-12-01 09:00:00.000000', 1002, 5), // reported and forgotten, in the cluster's future
      row('2026-12-01 10:00:00.000000', 1002, 6), // reported, inside the old overlap
      row('2026-12-01 10:00:30.000000', 1002, 8), // ended between the last poll and the step: news
    ];
    const read = k.sortAfterStep(step, rows, (key) => key === '1004:2');
    expect(read.rebuilt).toBe(false);
    expect(read.fresh.map((r) => r.jobId)).toEqual([7, 2, 8]);
    expect(read.known.map((r) => `${r.tenantId}:${r.jobId}`)).toEqual(['1004:3', '1002:5']);

    k.restart({ step, ...read });
    for (const r of read.fresh) k.add(r);
    // Reported ones from the cluster's future do not move the position there.
    expect(k.position).toBe('2026-12-01 08:00:00.000000');
    k.prune();
    expect(rows.filter((r) => !k.has(r))).toEqual([]);
    // Remembered until the lower bound passes their end times.
    k.observe(us('2026-12-01 09:30:00.000000'));
    k.add(row('2026-12-01 09:30:00.000000', 1004, 4));
    k.prune();
    expect(k.has({ tenantId: 1002, jobId: 5 })).toBe(false);
    expect(k.has({ tenantId: 1002, jobId: 8 })).toBe(true);
  });

  it('a reused key that ended at another time, or started at another, is another job', () => {
    const k = new FinishedKeyset(5 * 60_000);
    const old = {
      ...row('2026-12-01 08:10:00.000000', 1002, 7),
      startTimestamp: '2026-12-01 08:00:00.000000',
    };
    expect(k.add(old)).toBe(true);
    expect(k.add(old)).toBe(false);
    expect(k.has(old)).toBe(true);
    expect(k.has({ tenantId: 1002, jobId: 7 })).toBe(true);
    const again = row('2026-12-01 08:12:00.000000', 1002, 7);
    expect(k.has(again)).toBe(false);
    expect(
      k.isRunningReported({ tenantId: 1002, jobId: 7, startTime: '2026-12-01T08:00:00.000Z' }),
    ).toBe(true);
    expect(
      k.isRunningReported({ tenantId: 1002, jobId: 7, startTime: '2026-12-01T08:11:00.000Z' }),
    ).toBe(false);
    expect(k.add(again)).toBe(true);
    expect(k.has(again)).toBe(true);
    expect(k.has(old)).toBe(false);
  });
});

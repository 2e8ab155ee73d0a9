import { describe, expect, it } from 'vitest';
import { FinishedKeyset, obTimeToUs, usToObTime } from './watcher-keyset.js';

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
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oldestStarterMs, startersInWindows } from '@obconsole/store';
import { createLogger } from '../lib/logger.js';
import { tempStore, type TempStore } from '../testing/store.js';
import { auditStarterLookup, type StarterReads } from './policies-started-by.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');
const job = (jobId: number, atMs: number) => ({
  tenantName: 'mysql_tenant',
  jobId,
  startTime: new Date(atMs).toISOString(),
});

describe('started-by lookups against the audit trail floor', () => {
  let clock = T0;
  let temp: TempStore;
  const calls = { windows: 0, floor: 0 };
  let reads: StarterReads;
  beforeEach(async () => {
    clock = T0;
    calls.windows = calls.floor = 0;
    temp = await tempStore(() => clock);
    reads = {
      startersInWindows: (...a) => (calls.windows++, startersInWindows(...a)),
      oldestStarterMs: (...a) => (calls.floor++, oldestStarterMs(...a)),
    };
  });
  afterEach(async () => {
    await temp.cleanup();
  });
  const lookup = () => auditStarterLookup(temp.store, 'hz', createLogger('silent'), reads);
  const started = (jobId: number) =>
    temp.store.audit.append({
      clusterId: 'hz',
      actor: 'root@sys',
      action: 'backup_start',
      outcome: 'success',
      tenants: ['mysql_tenant'],
      details: { jobs: [{ tenant: 'mysql_tenant', jobId }] },
    });

  it('a page of jobs older than the oldest backup_start sends no window query; newer ones still find their starter', async () => {
    clock = T0 + 48 * HOUR;
    await started(7);
    const find = lookup();
    expect(await find([job(1, T0), job(2, T0 + HOUR)])).toEqual(new Map());
    expect(calls.windows).toBe(0);
    const named = await find([job(7, T0 + 48 * HOUR), job(3, T0)]);
    expect(named.get('mysql_tenant:7')).toBe('root@sys');
    expect(calls.windows).toBe(1);
    // The floor is read once, not per page.
    expect(calls.floor).toBe(1);
  });

  it('with an empty trail, a job started after the floor was read still finds its starter', async () => {
    const find = lookup();
    expect(await find([job(1, T0 - 24 * HOUR)])).toEqual(new Map());
    expect(calls.windows).toBe(0);
    clock = T0 + 60_000;
    await started(9);
    expect((await find([job(9, T0 + 60_000)])).get('mysql_tenant:9')).toBe('root@sys');
    expect(calls.floor).toBe(1);
  });

  it('a job just a window before the oldest event is still looked up (clock skew)', async () => {
    clock = T0 + 48 * HOUR;
    await started(5);
    // OceanBase's clock 10 minutes ahead of the console's: the event is older than the job.
    expect((await lookup()([job(5, T0 + 48 * HOUR - 10 * 60_000)])).get('mysql_tenant:5')).toBe(
      'root@sys',
    );
    expect(calls.windows).toBe(1);
  });
});

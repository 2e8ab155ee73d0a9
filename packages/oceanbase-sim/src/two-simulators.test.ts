import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { connect, rows, sqlError, startTestSim } from './testing/harness.js';

/*
 * The BFF's embedded default runs two simulators in one process: nothing (clock, id counters,
 * the sql.js database, parameters, caches, sessions) may be shared between them.
 */
let east: Simulator;
let west: Simulator;
const open: Connection[] = [];
const as = async (sim: Simulator, user: string): Promise<Connection> => {
  const c = await connect(sim, user, 'oceanbase', 'oceanbase');
  open.push(c);
  return c;
};

beforeAll(async () => {
  [east, west] = await Promise.all([
    startTestSim({
      seed: 3,
      tenants: [{ id: 1002, name: 'east_tenant', mode: 'MYSQL' }],
      accounts: [
        { user: 'root', tenant: 'sys', password: 'oceanbase' },
        { user: 'root', tenant: 'east_tenant', password: 'oceanbase' },
      ],
    }),
    startTestSim({
      seed: 3,
      tenants: [
        { id: 1002, name: 'west_tenant', mode: 'MYSQL' },
        { id: 1004, name: 'west_ora', mode: 'ORACLE' },
      ],
      accounts: [
        { user: 'root', tenant: 'sys', password: 'oceanbase' },
        { user: 'root', tenant: 'west_tenant', password: 'oceanbase' },
      ],
    }),
  ]);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.end().catch(() => undefined)));
  await Promise.all([east?.close(), west?.close()]);
});

describe('two simulators in one process', () => {
  it('listen on different ports and each knows only its own tenants and accounts', async () => {
    expect(east.sqlPort).not.toBe(west.sqlPort);
    const e = await as(east, 'root@sys');
    const w = await as(west, 'root@sys');
    const names = async (c: Connection) =>
      (await rows(c, 'SELECT TENANT_NAME FROM DBA_OB_TENANTS ORDER BY TENANT_ID')).map(
        (r) => r.TENANT_NAME,
      );
    expect(await names(e)).toEqual(['sys', 'META$1002', 'east_tenant']);
    expect(await names(w)).toEqual(['sys', 'META$1002', 'west_tenant', 'META$1004', 'west_ora']);
    await expect(connect(east, 'root@west_tenant')).rejects.toMatchObject({ errno: 1045 });
    await expect(connect(west, 'root@east_tenant')).rejects.toMatchObject({ errno: 1045 });
  });

  it('a job started on one does not appear on the other, although both use the same ids', async () => {
    const e = await as(east, 'root@east_tenant');
    const w = await as(west, 'root@west_tenant');
    await e.query('ALTER SYSTEM BACKUP DATABASE');
    const eastJobs = await rows(e, 'SELECT JOB_ID, STATUS FROM DBA_OB_BACKUP_JOBS');
    expect(eastJobs).toHaveLength(1);
    expect(await rows(w, 'SELECT JOB_ID FROM DBA_OB_BACKUP_JOBS')).toEqual([]);
    // A job on the other one starts from its own counter, not after east's.
    await w.query('ALTER SYSTEM BACKUP DATABASE');
    const westJobs = await rows(w, 'SELECT JOB_ID FROM DBA_OB_BACKUP_JOBS');
    expect(westJobs.map((r) => r.JOB_ID)).toEqual(eastJobs.map((r) => r.JOB_ID));
    await e.query('ALTER SYSTEM CANCEL BACKUP');
    const [westJob] = await rows(w, 'SELECT STATUS FROM DBA_OB_BACKUP_JOBS');
    expect(westJob?.STATUS).toBe('INIT');
    await w.query('ALTER SYSTEM CANCEL BACKUP');
  });

  it('each has its own clock: advancing one leaves the other where it was', () => {
    const westBefore = west.control.clock().nowUs;
    const eastBefore = east.control.clock().nowUs;
    east.control.advance(3600);
    expect(west.control.clock().nowUs).toBe(westBefore);
    expect(east.control.clock().nowUs).toBe(eastBefore + 3600e6);
  });

  it('parameters set on one are not seen on the other', async () => {
    const e = await as(east, 'root@sys');
    const w = await as(west, 'root@sys');
    await e.query(`ALTER SYSTEM SET backup_data_file_size = '1G'`);
    await e.query(`ALTER SYSTEM SET ha_low_thread_score = 7 TENANT = east_tenant`);
    const value = async (c: Connection, name: string) =>
      (await rows(c, `SHOW PARAMETERS LIKE '${name}'`)).map((r) => r.value);
    expect(await value(e, 'backup_data_file_size')).toEqual(['1G']);
    expect(await value(w, 'backup_data_file_size')).toEqual(['4G']);
    const wt = await as(west, 'root@west_tenant');
    expect(await value(wt, 'ha_low_thread_score')).toEqual(['0']);
  });

  it('a reset or close of one leaves the other serving', async () => {
    const w = await as(west, 'root@west_tenant');
    await w.query(`ALTER SYSTEM SET ha_low_thread_score = 9`);
    await east.control.reset();
    expect(east.control.stats().connections.open).toBe(0);
    expect((await rows(w, `SHOW PARAMETERS LIKE 'ha_low_thread_score'`))[0]?.value).toBe('9');
    expect(await sqlError(w, `ALTER SYSTEM SET ha_low_thread_score = 500`)).toMatchObject({
      errno: 4147,
    });
  });
});

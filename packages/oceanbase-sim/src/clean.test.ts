import { describe, expect, it } from 'vitest';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim({ database: 'oceanbase' });
const as = testSim.as;

const DAY_US = 86400 * 1e6;

describe('delete policies and backup cleaning', () => {
  it('marks sets outside the recovery window DELETING, then DELETED, keeping the full set the window needs', async () => {
    testSim.sim.control.seedHistory(120, 11);
    const t = await as('root@mysql_tenant');
    await t.query("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d'");
    expect(
      await rows(t, 'SELECT POLICY_NAME, RECOVERY_WINDOW FROM DBA_OB_BACKUP_DELETE_POLICY'),
    ).toEqual([{ POLICY_NAME: 'default', RECOVERY_WINDOW: '7d' }]);
    const [job] = await rows(
      t,
      'SELECT JOB_ID, TYPE, PARAMETER, STATUS, TASK_COUNT FROM DBA_OB_BACKUP_DELETE_JOBS',
    );
    expect(job).toMatchObject({ TYPE: 'DELETE_OBSOLETE_BACKUP', PARAMETER: '7d', STATUS: 'DOING' });
    const deleting = await rows(
      t,
      "SELECT COUNT(*) AS N FROM DBA_OB_BACKUP_SET_FILES WHERE FILE_STATUS = 'DELETING'",
    );
    expect(Number(deleting[0]?.N)).toBe(Number(job?.TASK_COUNT));
    expect(Number(job?.TASK_COUNT)).toBeGreaterThan(0);

    testSim.sim.control.advance(5);
    expect(await rows(t, 'SELECT * FROM DBA_OB_BACKUP_DELETE_JOBS')).toEqual([]);
    const [done] = await rows(
      t,
      'SELECT STATUS, SUCCESS_TASK_COUNT FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY',
    );
    expect(done).toEqual({ STATUS: 'COMPLETED', SUCCESS_TASK_COUNT: job?.TASK_COUNT });
    expect(await rows(t, 'SELECT DISTINCT STATUS FROM DBA_OB_BACKUP_DELETE_TASK_HISTORY')).toEqual([
      { STATUS: 'COMPLETED' },
    ]);

    // What remains is exactly: the newest full set that ended before now - 7d, and every later set.
    const nowUs = testSim.sim.control.clock().nowUs;
    const sets = await rows(
      t,
      'SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, FILE_STATUS, UNIX_TIMESTAMP(END_TIMESTAMP) AS E FROM DBA_OB_BACKUP_SET_FILES ORDER BY BACKUP_SET_ID',
    );
    const boundary = (nowUs - 7 * DAY_US) / 1e6;
    const keep = Math.max(
      ...sets
        .filter((s) => s.BACKUP_TYPE === 'FULL' && s.STATUS === 'SUCCESS' && Number(s.E) < boundary)
        .map((s) => Number(s.BACKUP_SET_ID)),
    );
    for (const s of sets) {
      const id = Number(s.BACKUP_SET_ID);
      expect(s.FILE_STATUS === 'DELETED', `set ${id}`).toBe(id < keep);
    }
  });

  it('drop and cancel; duplicates, missing policies, bad windows and foreign tenants are refused', async () => {
    const t = await as('root@mysql_tenant');
    expect((await sqlError(t, "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'")).errno).toBe(
      4018,
    );
    await t.query("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d'");
    expect(
      (await sqlError(t, "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d'"))
        .errno,
    ).toBe(4017);
    expect(
      (await sqlError(t, "ALTER SYSTEM ADD DELETE BACKUP POLICY 'p2' RECOVERY_WINDOW 'soon'"))
        .errno,
    ).toBe(1210);
    expect(
      (
        await sqlError(
          t,
          "ALTER SYSTEM ADD DELETE BACKUP POLICY 'p2' RECOVERY_WINDOW '7d' TENANT oracle_tenant",
        )
      ).errno,
    ).toBe(1235);
    await t.query('ALTER SYSTEM CANCEL DELETE BACKUP');
    await t.query("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'");
    expect(await rows(t, 'SELECT * FROM DBA_OB_BACKUP_DELETE_POLICY')).toEqual([]);
    const sys = await as('root@sys');
    await sys.query(
      "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT oracle_tenant",
    );
    expect(
      await rows(sys, 'SELECT TENANT_ID, POLICY_NAME FROM CDB_OB_BACKUP_DELETE_POLICY'),
    ).toEqual([{ TENANT_ID: '1004', POLICY_NAME: 'default' }]);
    expect(
      (await sqlError(sys, "ALTER SYSTEM ADD DELETE BACKUP POLICY 'x' RECOVERY_WINDOW '1d'")).errno,
    ).toBe(1235);
  });

  it('a cancelled clean job ends CANCELED and its sets stay AVAILABLE', async () => {
    testSim.sim.control.seedHistory(60, 3);
    const t = await as('root@mysql_tenant');
    await t.query("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '3d'");
    await t.query("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default'");
    await t.query('ALTER SYSTEM CANCEL DELETE BACKUP');
    expect(await rows(t, 'SELECT STATUS, RESULT FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY')).toEqual([
      { STATUS: 'CANCELED', RESULT: '-4072' },
    ]);
    expect(
      await rows(
        t,
        "SELECT COUNT(*) AS N FROM DBA_OB_BACKUP_SET_FILES WHERE FILE_STATUS IN ('DELETING', 'DELETED')",
      ),
    ).toEqual([{ N: '0' }]);
  });
});

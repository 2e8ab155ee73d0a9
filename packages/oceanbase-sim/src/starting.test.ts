import { describe, expect, it } from 'vitest';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

const NOT_DOING = 'backup can not start, because log archive status is not doing.';

describe('starting backups', () => {
  it('a user tenant backs itself up; the job appears INIT with its own initiator', async () => {
    const c = await as('root@mysql_tenant', 'oceanbase');
    await c.query("ALTER SYSTEM BACKUP DATABASE PLUS ARCHIVELOG DESCRIPTION = 'nightly';");
    const jobs = await rows(c, 'SELECT * FROM DBA_OB_BACKUP_JOBS');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      JOB_ID: '1',
      BACKUP_SET_ID: '1',
      INITIATOR_TENANT_ID: '1002',
      INITIATOR_JOB_ID: '0',
      EXECUTOR_TENANT_ID: '1002',
      PLUS_ARCHIVELOG: 'ON',
      BACKUP_TYPE: 'FULL',
      JOB_LEVEL: 'USER_TENANT',
      ENCRYPTION_MODE: 'NONE',
      END_TIMESTAMP: null,
      STATUS: 'INIT',
      DESCRIPTION: 'nightly',
      PATH: 'file:///data/backup/mysql_tenant/data',
    });
    expect(Object.keys(jobs[0] ?? {})).not.toContain('TENANT_ID');
    expect(await sqlError(c, 'ALTER SYSTEM BACKUP DATABASE')).toEqual({
      errno: 9036,
      sqlState: 'HY000',
      sqlMessage: 'Backup is in progress',
    });
  });

  it('every error of the start rules has its number, state and text', async () => {
    const sys = await as('root@sys');
    const tenant = await as('root@mysql_tenant');
    expect(await sqlError(sys, "ALTER SYSTEM BACKUP TENANT = mysql_tenant TO 'file:///x'")).toEqual(
      {
        errno: 1235,
        sqlState: '0A000',
        sqlMessage: 'backup do not support using specify path not supported',
      },
    );
    expect(await sqlError(sys, 'ALTER SYSTEM BACKUP')).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'No tenant name specified not supported',
    });
    expect(await sqlError(sys, 'ALTER SYSTEM BACKUP TENANT = nope')).toEqual({
      errno: 5160,
      sqlState: 'HY000',
      sqlMessage: 'invalid tenant name specified in connection string',
    });
    expect(await sqlError(sys, 'ALTER SYSTEM BACKUP TENANT = sys')).toEqual({
      errno: 4016,
      sqlState: 'HY000',
      sqlMessage: 'Internal error',
    });
    expect(await sqlError(tenant, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant')).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'user tenant cannot specify tenant names not supported',
    });
    expect(await sqlError(tenant, 'ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant')).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'Not supported feature or function',
    });
    // Archive not DOING.
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    expect(await sqlError(tenant, 'ALTER SYSTEM BACKUP DATABASE')).toEqual({
      errno: 9040,
      sqlState: 'HY000',
      sqlMessage: NOT_DOING,
    });
    expect(await sqlError(sys, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant')).toMatchObject({
      errno: 9040,
      sqlMessage: NOT_DOING,
    });
    expect(await sqlError(sys, 'ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant')).toEqual({
      errno: 9092,
      sqlState: 'HY000',
      sqlMessage: 'Already in NOARCHIVELOG mode',
    });
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant');
    // sys ARCHIVELOG ignores the tenant's error; the tenant itself hears it.
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant');
    expect(await sqlError(tenant, 'ALTER SYSTEM ARCHIVELOG')).toEqual({
      errno: 9091,
      sqlState: 'HY000',
      sqlMessage: 'Already in ARCHIVELOG mode',
    });
    // The new round goes PREPARE → BEGINNING → DOING.
    expect(
      (await rows(sys, 'SELECT STATUS FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002'))[0]
        ?.STATUS,
    ).toBe('PREPARE');
    testSim.sim.control.advance(1.5);
    expect(
      (await rows(sys, 'SELECT STATUS FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002'))[0]
        ?.STATUS,
    ).toBe('BEGINNING');
    testSim.sim.control.advance(2);
    expect(
      (
        await rows(
          sys,
          'SELECT STATUS, ROUND_ID FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002',
        )
      )[0],
    ).toEqual({ STATUS: 'DOING', ROUND_ID: '2' });
    expect(
      await rows(
        sys,
        'SELECT COUNT(*) AS n FROM oceanbase.CDB_OB_ARCHIVELOG_SUMMARY WHERE TENANT_ID = 1002',
      ),
    ).toEqual([{ n: '2' }]);
    // Destination not set (user path: plain text).
    await tenant.query("ALTER SYSTEM SET DATA_BACKUP_DEST = ''");
    expect(await sqlError(tenant, 'ALTER SYSTEM BACKUP DATABASE')).toEqual({
      errno: 9040,
      sqlState: 'HY000',
      sqlMessage: 'backup can not start',
    });
    expect(await sqlError(sys, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant')).toMatchObject({
      errno: 9040,
      sqlMessage: 'backup can not start, because backup dest is not set.',
    });
    await sys.query(
      "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/mysql_tenant/data' TENANT = mysql_tenant",
    );
    // Tenant status.
    testSim.sim.control.setTenantStatus('mysql_tenant', 'RESTORE');
    expect(await sqlError(tenant, 'ALTER SYSTEM BACKUP DATABASE')).toMatchObject({
      errno: 9040,
      sqlMessage: 'backup can not start, because tenant status is not normal.',
    });
  });

  it('the read-only account gets 1227 on every ALTER SYSTEM but may read', async () => {
    const c = await as('support@sys');
    const denied = {
      errno: 1227,
      sqlState: '42501',
      sqlMessage:
        'Access denied; you need (at least one of) the ALTER SYSTEM privilege(s) for this operation',
    };
    for (const sql of [
      'ALTER SYSTEM BACKUP DATABASE',
      'ALTER SYSTEM BACKUP TENANT = mysql_tenant',
      'ALTER SYSTEM CANCEL BACKUP',
      'ALTER SYSTEM ARCHIVELOG',
      'ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant',
      "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///x' TENANT = mysql_tenant",
      "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///x' TENANT = mysql_tenant",
      "ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE = 'DEFER' TENANT = mysql_tenant",
    ]) {
      expect(await sqlError(c, sql)).toEqual(denied);
    }
    await c.query("SET ENCRYPTION ON IDENTIFIED BY 'x' ONLY");
    expect(await rows(c, 'SELECT COUNT(*) AS n FROM oceanbase.CDB_OB_BACKUP_JOBS')).toEqual([
      { n: '0' },
    ]);
    expect(testSim.sim.control.stats().statements.byAccount['support@sys']).toBe(10);
  });

  it('INCREMENTAL without a full backup silently becomes FULL; after a full it is INC and references it', async () => {
    const c = await as('root@mysql_tenant');
    await c.query('ALTER SYSTEM BACKUP INCREMENTAL DATABASE');
    expect(
      (await rows(c, 'SELECT BACKUP_TYPE FROM oceanbase.DBA_OB_BACKUP_JOBS'))[0]?.BACKUP_TYPE,
    ).toBe('FULL');
    testSim.sim.control.advance(120);
    await c.query('ALTER SYSTEM BACKUP INCREMENTAL DATABASE');
    testSim.sim.control.advance(120);
    const sets = await rows(
      c,
      'SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, PREV_INC_BACKUP_SET_ID, INPUT_BYTES, STATUS, FILE_STATUS FROM oceanbase.DBA_OB_BACKUP_SET_FILES ORDER BY BACKUP_SET_ID',
    );
    expect(
      sets.map((s) => [
        s.BACKUP_TYPE,
        s.PREV_FULL_BACKUP_SET_ID,
        s.PREV_INC_BACKUP_SET_ID,
        s.STATUS,
        s.FILE_STATUS,
      ]),
    ).toEqual([
      ['FULL', '0', '0', 'SUCCESS', 'AVAILABLE'],
      ['INC', '1', '1', 'SUCCESS', 'AVAILABLE'],
    ]);
    expect(Number(sets[1]?.INPUT_BYTES)).toBeLessThan(Number(sets[0]?.INPUT_BYTES) * 0.2);
  });

  it('a sys-wide backup skips ineligible tenants silently and fails with 9040 when none is left', async () => {
    const sys = await as('root@sys');
    testSim.sim.control.setArchive('oracle_tenant', 'stop');
    await sys.query('ALTER SYSTEM BACKUP DATABASE');
    const jobs = await rows(
      sys,
      'SELECT TENANT_ID, JOB_LEVEL, EXECUTOR_TENANT_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, BACKUP_SET_ID FROM oceanbase.CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID',
    );
    expect(jobs).toEqual([
      {
        TENANT_ID: '1',
        JOB_LEVEL: 'CLUSTER',
        EXECUTOR_TENANT_ID: '1002',
        INITIATOR_TENANT_ID: '1',
        INITIATOR_JOB_ID: '1',
        BACKUP_SET_ID: '0',
      },
      {
        TENANT_ID: '1002',
        JOB_LEVEL: 'USER_TENANT',
        EXECUTOR_TENANT_ID: '1002',
        INITIATOR_TENANT_ID: '1',
        INITIATOR_JOB_ID: '1',
        BACKUP_SET_ID: '1',
      },
    ]);
    const e = await sqlError(sys, 'ALTER SYSTEM BACKUP DATABASE');
    expect(e.errno).toBe(9040);
    expect(e.sqlMessage).toBe(
      'backup can not start, because no tenant meets the backup condition, \ufffcplease check the tenant status, log archive status, backup data dest, and backup status for each tenant',
    );
  });

  it('a sys backup of two tenants runs a CLUSTER job beside them and completes with them', async () => {
    const sys = await as('root@sys');
    await sys.query("ALTER SYSTEM BACKUP TENANT = mysql_tenant, 'oracle_tenant', mysql_tenant");
    expect(
      (await rows(sys, 'SELECT EXECUTOR_TENANT_ID FROM oceanbase.DBA_OB_BACKUP_JOBS'))[0]
        ?.EXECUTOR_TENANT_ID,
    ).toBe('1002,1004');
    testSim.sim.control.advance(8);
    expect(
      await rows(
        sys,
        'SELECT TENANT_ID, STATUS FROM oceanbase.CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID',
      ),
    ).toEqual([
      { TENANT_ID: '1', STATUS: 'DOING' },
      { TENANT_ID: '1002', STATUS: 'DOING' },
      { TENANT_ID: '1004', STATUS: 'DOING' },
    ]);
    testSim.sim.control.advance(120);
    expect(await rows(sys, 'SELECT COUNT(*) AS n FROM oceanbase.CDB_OB_BACKUP_JOBS')).toEqual([
      { n: '0' },
    ]);
    expect(
      await rows(
        sys,
        'SELECT TENANT_ID, STATUS, RESULT FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID',
      ),
    ).toEqual([
      { TENANT_ID: '1', STATUS: 'COMPLETED', RESULT: '0' },
      { TENANT_ID: '1002', STATUS: 'COMPLETED', RESULT: '0' },
      { TENANT_ID: '1004', STATUS: 'COMPLETED', RESULT: '0' },
    ]);
  });
});

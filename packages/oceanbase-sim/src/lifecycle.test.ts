import { describe, expect, it } from 'vitest';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('the job lifecycle on a manual clock', () => {
  it('goes INIT → DOING → every task phase → COMPLETED and moves to history', async () => {
    const c = await as('root@mysql_tenant', 'oceanbase');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    const seen: string[] = [];
    let progressInMeta = true;
    for (let i = 0; i < 90; i++) {
      const task = (
        await rows(
          c,
          'SELECT STATUS, DATA_PROGRESS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, OUTPUT_RATE_BYTES, END_SCN, START_SCN FROM DBA_OB_BACKUP_TASKS',
        )
      )[0];
      if (task) {
        const status = String(task.STATUS);
        if (seen[seen.length - 1] !== status) seen.push(status);
        if (
          (status.endsWith('META') || status === 'BACKUP_META_FINISH') &&
          (task.DATA_PROGRESS !== '0.00' || task.MACRO_BLOCK_COUNT !== '0')
        )
          progressInMeta = false;
        expect(task.OUTPUT_RATE_BYTES).toBe('0.0000');
        expect(BigInt(String(task.START_SCN)) > 2n ** 53n).toBe(true);
      }
      testSim.sim.control.advance(1);
    }
    expect(seen).toEqual([
      'INIT',
      'BACKUP_SYS_META',
      'BACKUP_USER_META',
      'BACKUP_META_FINISH',
      'BACKUP_DATA_MINOR',
      'BACKUP_DATA_MAJOR',
      'BEFORE_BACKUP_LOG',
      'BACKUP_LOG',
    ]);
    expect(progressInMeta).toBe(true);
    expect(await rows(c, 'SELECT * FROM DBA_OB_BACKUP_JOBS')).toEqual([]);
    const job = (
      await rows(c, 'SELECT STATUS, RESULT, END_TIMESTAMP FROM DBA_OB_BACKUP_JOB_HISTORY')
    )[0];
    expect(job).toMatchObject({ STATUS: 'COMPLETED', RESULT: '0' });
    expect(job?.END_TIMESTAMP).not.toBeNull();
    const task = (
      await rows(
        c,
        'SELECT STATUS, FINISH_MACRO_BLOCK_COUNT, MACRO_BLOCK_COUNT, INPUT_BYTES, OUTPUT_BYTES, OUTPUT_RATE_BYTES FROM DBA_OB_BACKUP_TASK_HISTORY',
      )
    )[0];
    expect(task?.STATUS).toBe('COMPLETED');
    expect(task?.FINISH_MACRO_BLOCK_COUNT).toBe(task?.MACRO_BLOCK_COUNT);
    const ratio = Number(task?.OUTPUT_BYTES) / Number(task?.INPUT_BYTES);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.5);
    expect(Number(task?.OUTPUT_RATE_BYTES)).toBeGreaterThan(0);
    expect(await rows(c, 'SELECT STATUS, FILE_STATUS FROM DBA_OB_BACKUP_SET_FILES')).toEqual([
      { STATUS: 'SUCCESS', FILE_STATUS: 'AVAILABLE' },
    ]);
  });

  it('cancel: CANCELING, then CANCELED with -4072; cancel with nothing running succeeds', async () => {
    const c = await as('root@mysql_tenant', 'oceanbase');
    await c.query('ALTER SYSTEM CANCEL BACKUP');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(15);
    await c.query('ALTER SYSTEM CANCEL BACKUP');
    expect(await rows(c, 'SELECT STATUS FROM DBA_OB_BACKUP_JOBS')).toEqual([
      { STATUS: 'CANCELING' },
    ]);
    expect(await rows(c, 'SELECT STATUS FROM DBA_OB_BACKUP_TASKS')).toEqual([
      { STATUS: 'CANCELING' },
    ]);
    testSim.sim.control.advance(3);
    const job = (
      await rows(c, 'SELECT STATUS, RESULT, COMMENT, END_TIMESTAMP FROM DBA_OB_BACKUP_JOB_HISTORY')
    )[0];
    expect(job).toMatchObject({ STATUS: 'CANCELED', RESULT: '-4072' });
    // The job keeps an empty COMMENT; the task and set file carry the plain ob_strerror text.
    expect(job?.COMMENT).toBe('');
    expect(job?.END_TIMESTAMP).not.toBeNull();
    expect(await rows(c, 'SELECT STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_TASK_HISTORY')).toEqual(
      [{ STATUS: 'CANCELED', RESULT: '-4072', COMMENT: 'Operation canceled' }],
    );
    expect(
      await rows(c, 'SELECT STATUS, FILE_STATUS, COMMENT FROM DBA_OB_BACKUP_SET_FILES'),
    ).toEqual([{ STATUS: 'FAILED', FILE_STATUS: 'INCOMPLETE', COMMENT: 'Operation canceled' }]);
  });

  it('an injected failure fails the task and job with that code and a §3.7 comment', async () => {
    const c = await as('root@mysql_tenant', 'oceanbase');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(20);
    testSim.sim.control.failNextTask('mysql_tenant', -4012);
    const job = (await rows(c, 'SELECT STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_JOB_HISTORY'))[0];
    expect(job).toMatchObject({ STATUS: 'FAILED', RESULT: '-4012' });
    expect(job?.COMMENT).toMatch(
      /^\(SERVER\)ls_id: 1001, addr: 127\.0\.0\.1:2882, module: BACKUP_DATA, result: -4012\(Timeout\), trace_id: Y/,
    );
    expect(await rows(c, 'SELECT STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_TASK_HISTORY')).toEqual(
      [{ STATUS: 'FAILED', RESULT: '-4012', COMMENT: 'Timeout' }],
    );
    // Armed for the next task: it fails when it reaches the data phase.
    testSim.sim.control.failNextTask('mysql_tenant', -4016, 'disk on fire');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(60);
    expect(
      await rows(
        c,
        'SELECT STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_JOB_HISTORY WHERE JOB_ID = 2',
      ),
    ).toEqual([{ STATUS: 'FAILED', RESULT: '-4016', COMMENT: 'disk on fire' }]);
  });

  it('archive stopped mid-backup fails the job with -9029 after the retry window', async () => {
    const c = await as('root@mysql_tenant', 'oceanbase');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(20);
    await c.query('ALTER SYSTEM NOARCHIVELOG');
    testSim.sim.control.advance(5);
    expect(await rows(c, 'SELECT STATUS FROM DBA_OB_BACKUP_JOBS')).toEqual([{ STATUS: 'DOING' }]);
    expect((await rows(c, 'SELECT STATUS FROM DBA_OB_ARCHIVELOG'))[0]?.STATUS).toBe('STOP');
    testSim.sim.control.advance(6);
    const job = (await rows(c, 'SELECT STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_JOB_HISTORY'))[0];
    expect(job).toMatchObject({ STATUS: 'FAILED', RESULT: '-9029' });
    expect(job?.COMMENT).toMatch(/result: -9029\(log archive is not running\)/);
    expect((await rows(c, 'SELECT LOG_MODE FROM DBA_OB_TENANTS'))[0]?.LOG_MODE).toBe(
      'NOARCHIVELOG',
    );
  });

  it('DATA_BACKUP_DEST cannot change while a backup runs (9036)', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM BACKUP TENANT mysql_tenant');
    expect(
      await sqlError(
        sys,
        "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///other' TENANT = mysql_tenant",
      ),
    ).toEqual({
      errno: 9036,
      sqlState: 'HY000',
      sqlMessage: 'Backup is in progress',
    });
    expect(
      await rows(
        sys,
        "SELECT TENANT_ID, VALUE FROM oceanbase.CDB_OB_BACKUP_PARAMETER WHERE NAME = 'data_backup_dest' ORDER BY TENANT_ID",
      ),
    ).toEqual([
      { TENANT_ID: '1002', VALUE: 'file:///data/backup/mysql_tenant/data' },
      { TENANT_ID: '1004', VALUE: 'file:///data/backup/oracle_tenant/data' },
    ]);
    const setDest =
      "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///arch/x BINDING=Mandatory PIECE_SWITCH_INTERVAL=2d' TENANT = oracle_tenant";
    expect(await sqlError(sys, setDest)).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'change archive dest when archive is running is not supported',
    });
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant');
    testSim.sim.control.advance(3);
    await sys.query(setDest);
    expect(
      await rows(
        sys,
        'SELECT NAME, VALUE FROM oceanbase.CDB_OB_ARCHIVE_DEST WHERE TENANT_ID = 1004 ORDER BY NAME',
      ),
    ).toEqual([
      { NAME: 'binding', VALUE: 'MANDATORY' },
      { NAME: 'dest_id', VALUE: '1001' },
      { NAME: 'path', VALUE: 'file:///arch/x' },
      { NAME: 'piece_switch_interval', VALUE: '2d' },
      { NAME: 'state', VALUE: 'ENABLE' },
    ]);
  });
});

describe('one job per tenant and initiator', () => {
  it('a self-started and a sys-started job run for the same tenant at once; a second of either kind is 9036', async () => {
    const own = await as('root@mysql_tenant');
    const sys = await as('root@sys');
    await own.query('ALTER SYSTEM BACKUP DATABASE');
    await sys.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    expect(
      await rows(
        sys,
        'SELECT INITIATOR_TENANT_ID, JOB_LEVEL FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002 ORDER BY JOB_ID',
      ),
    ).toEqual([
      { INITIATOR_TENANT_ID: '1002', JOB_LEVEL: 'USER_TENANT' },
      { INITIATOR_TENANT_ID: '1', JOB_LEVEL: 'USER_TENANT' },
    ]);
    expect((await sqlError(own, 'ALTER SYSTEM BACKUP DATABASE')).errno).toBe(9036);
    expect((await sqlError(sys, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant')).errno).toBe(9036);
    testSim.sim.control.advance(120);
    expect(
      await rows(
        sys,
        "SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002 AND STATUS = 'COMPLETED'",
      ),
    ).toEqual([{ N: '2' }]);
  });

  it('a sys BACKUP DATABASE includes a tenant that is running its own job', async () => {
    const own = await as('root@mysql_tenant');
    const sys = await as('root@sys');
    await own.query('ALTER SYSTEM BACKUP DATABASE');
    await sys.query('ALTER SYSTEM BACKUP DATABASE');
    expect(
      await rows(
        sys,
        "SELECT TENANT_ID FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE INITIATOR_TENANT_ID = 1 AND JOB_LEVEL = 'USER_TENANT' ORDER BY 1",
      ),
    ).toEqual([{ TENANT_ID: '1002' }, { TENANT_ID: '1004' }]);
  });
});

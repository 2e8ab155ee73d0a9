import { describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

// GV$OB_PARAMETERS, the rootservice events, the backup schedule tasks and __all_tenant (sources
// in docs/oceanbase-facts.md).
const testSim = useTestSim({ database: 'oceanbase' });
const as = testSim.as;

describe('GV$OB_PARAMETERS', () => {
  it('has the columns of its view definition, in order', async () => {
    const sys = await as('root@sys');
    const [, fields] = await sys.query<RowDataPacket[]>(
      'SELECT * FROM oceanbase.GV$OB_PARAMETERS LIMIT 1',
    );
    expect(fields.map((f) => f.name)).toEqual([
      'SVR_IP',
      'SVR_PORT',
      'ZONE',
      'SCOPE',
      'TENANT_ID',
      'NAME',
      'DATA_TYPE',
      'VALUE',
      'INFO',
      'SECTION',
      'EDIT_LEVEL',
      'DEFAULT_VALUE',
      'ISDEFAULT',
    ]);
  });

  it('shows every tenant’s parameters in sys and a cluster parameter once, with a NULL tenant', async () => {
    const sys = await as('root@sys');
    const lag = await rows(
      sys,
      `SELECT TENANT_ID, SCOPE, VALUE, DEFAULT_VALUE, ISDEFAULT, DATA_TYPE, SECTION FROM GV$OB_PARAMETERS WHERE NAME = 'archive_lag_target' ORDER BY TENANT_ID`,
    );
    expect(lag.map((r) => r.TENANT_ID)).toEqual(['1', '1001', '1002', '1003', '1004']);
    expect(lag[0]).toMatchObject({
      SCOPE: 'TENANT',
      VALUE: '120s',
      DEFAULT_VALUE: '120s',
      ISDEFAULT: 'YES',
      DATA_TYPE: 'TIME',
      SECTION: 'LOGSERVICE',
    });
    const size = await rows(
      sys,
      `SELECT TENANT_ID, SCOPE, VALUE FROM GV$OB_PARAMETERS WHERE NAME = 'backup_data_file_size'`,
    );
    expect(size).toEqual([{ TENANT_ID: null, SCOPE: 'CLUSTER', VALUE: '4G' }]);
  });

  it('follows ALTER SYSTEM SET, per tenant, and marks the value as not default', async () => {
    const sys = await as('root@sys');
    await sys.query(`ALTER SYSTEM SET ha_high_thread_score = 5 TENANT = oracle_tenant`);
    await sys.query(`ALTER SYSTEM SET backup_data_file_size = '1G'`);
    const score = await rows(
      sys,
      `SELECT TENANT_ID, VALUE, ISDEFAULT FROM GV$OB_PARAMETERS WHERE NAME = 'ha_high_thread_score' AND TENANT_ID IN (1002, 1004) ORDER BY TENANT_ID`,
    );
    expect(score).toEqual([
      { TENANT_ID: '1002', VALUE: '0', ISDEFAULT: 'YES' },
      { TENANT_ID: '1004', VALUE: '5', ISDEFAULT: 'NO' },
    ]);
    const [size] = await rows(
      sys,
      `SELECT VALUE FROM V$OB_PARAMETERS WHERE NAME = 'backup_data_file_size'`,
    );
    expect(size?.VALUE).toBe('1G');
  });

  it('answers obshell’s tenant-parameter read as it sends it (SCOPE compared case-insensitively)', async () => {
    const sys = await as('root@sys');
    await sys.query(`ALTER SYSTEM SET log_archive_concurrency = 4 TENANT = mysql_tenant`);
    const [found] = await sys.execute<RowDataPacket[]>(
      "SELECT DISTINCT NAME, VALUE, DATA_TYPE, INFO, EDIT_LEVEL FROM `oceanbase`.`GV$OB_PARAMETERS` WHERE NAME = ? AND SCOPE = 'tenant' AND TENANT_ID = (?)",
      ['log_archive_concurrency', 1002],
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      NAME: 'log_archive_concurrency',
      VALUE: '4',
      DATA_TYPE: 'INT',
    });
  });

  it('shows a user tenant only its own tenant parameters and the cluster ones', async () => {
    const t = await as('root@mysql_tenant');
    const seen = await rows(t, `SELECT DISTINCT TENANT_ID FROM GV$OB_PARAMETERS`);
    expect(seen.map((r) => r.TENANT_ID).sort()).toEqual([null, '1002'].sort());
  });
});

describe('DESC of the added views', () => {
  it('lists their columns in order in sys, and is 1146 for a sys-only one in a tenant', async () => {
    const sys = await as('root@sys');
    const desc = await rows(sys, 'DESC oceanbase.DBA_OB_ROOTSERVICE_EVENT_HISTORY');
    expect(desc.map((r) => r.Field).slice(0, 5)).toEqual([
      'TIMESTAMP',
      'MODULE',
      'EVENT',
      'NAME1',
      'VALUE1',
    ]);
    expect(desc.at(-1)?.Field).toBe('RS_SVR_PORT');
    const t = await as('root@mysql_tenant');
    expect(await sqlError(t, 'DESC oceanbase.__all_tenant')).toMatchObject({ errno: 1146 });
    expect((await rows(t, 'DESC oceanbase.GV$OB_PARAMETERS')).map((r) => r.Field)).toContain(
      'EDIT_LEVEL',
    );
  });
});

describe('the rootservice event history', () => {
  it('records start_backup_data with the initiating tenant and the result, success or not', async () => {
    const t = await as('root@mysql_tenant');
    await t.query('ALTER SYSTEM BACKUP DATABASE');
    expect((await sqlError(t, 'ALTER SYSTEM BACKUP DATABASE')).errno).toBe(9036);
    const sys = await as('root@sys');
    const events = await rows(
      sys,
      "SELECT MODULE, EVENT, NAME1, VALUE1, NAME2, VALUE2, RS_SVR_IP, RS_SVR_PORT FROM oceanbase.DBA_OB_ROOTSERVICE_EVENT_HISTORY WHERE module='backup_data' AND event ='start_backup_data' ORDER BY TIMESTAMP",
    );
    expect(events).toEqual([
      {
        MODULE: 'backup_data',
        EVENT: 'start_backup_data',
        NAME1: 'tenant_id',
        VALUE1: '1002',
        NAME2: 'result',
        VALUE2: '0',
        RS_SVR_IP: '127.0.0.1',
        RS_SVR_PORT: '2882',
      },
      {
        MODULE: 'backup_data',
        EVENT: 'start_backup_data',
        NAME1: 'tenant_id',
        VALUE1: '1002',
        NAME2: 'result',
        VALUE2: '-9036',
        RS_SVR_IP: '127.0.0.1',
        RS_SVR_PORT: '2882',
      },
    ]);
  });

  it('records the task reaching BACKUP_SYS_META and every cancel, in __all_rootservice_event_history too', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    testSim.sim.control.advance(10);
    await sys.query('ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant');
    const events = await rows(
      sys,
      `SELECT module, event, name1, value1, name2, value2, name3, value3 FROM oceanbase.__all_rootservice_event_history WHERE module = 'backup_data' AND event IN ('start_backup_data', 'persist sys ls task succeed', 'cancel_backup_data') ORDER BY gmt_create`,
    );
    expect(events.map((e) => e.event)).toEqual([
      'start_backup_data',
      'persist sys ls task succeed',
      'cancel_backup_data',
    ]);
    expect(events[0]).toMatchObject({ value1: '1', value2: '0' });
    expect(events[1]).toMatchObject({
      name1: 'tenant_id',
      value1: '1002',
      name2: 'job_id',
      name3: 'task_id',
    });
    expect(events[2]).toMatchObject({
      name1: 'tenant_id',
      value1: '1',
      name2: 'backup_tenant_ids',
      value2: '[1002]',
    });
  });

  it('records each step of a task as ObBackupSetTaskMgr does, in order, up to the last data phase', async () => {
    const t = await as('root@mysql_tenant');
    await t.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(600);
    const sys = await as('root@sys');
    const events = await rows(
      sys,
      "SELECT EVENT, VALUE1 FROM oceanbase.DBA_OB_ROOTSERVICE_EVENT_HISTORY WHERE MODULE = 'backup_data' ORDER BY TIMESTAMP",
    );
    expect(events.map((e) => e.EVENT)).toEqual([
      'start_backup_data',
      'persist sys ls task succeed',
      'backup sys ls meta succeed',
      'before_backup_data',
      'after_backup_consistent_scn',
      'backup user ls meta succeed',
      'backup data succeed',
      'backup data succeed',
    ]);
    expect(events.filter((e) => e.EVENT === 'backup data succeed').map((e) => e.VALUE1)).toEqual([
      '1002',
      '1002',
    ]);
    expect(events.find((e) => e.EVENT === 'before_backup_data')?.VALUE1).toBe('');
  });

  it('is not there in a user tenant', async () => {
    const t = await as('root@mysql_tenant');
    expect(
      await sqlError(t, 'SELECT * FROM oceanbase.DBA_OB_ROOTSERVICE_EVENT_HISTORY'),
    ).toMatchObject({ errno: 1146 });
    expect(await sqlError(t, 'SELECT * FROM oceanbase.__all_tenant')).toMatchObject({
      errno: 1146,
    });
  });
});

describe('__all_virtual_backup_schedule_task', () => {
  it('lists the running task while it is in a phase with LS tasks, and nothing once it is done', async () => {
    const t = await as('root@mysql_tenant');
    const sys = await as('root@sys');
    const sql =
      'SELECT * FROM oceanbase. __all_virtual_backup_schedule_task where tenant_id = 1002';
    expect(await rows(sys, sql)).toEqual([]);
    await t.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(10);
    const [task] = await rows(sys, sql);
    expect(task).toMatchObject({
      tenant_id: '1002',
      svr_ip: '127.0.0.1',
      svr_port: '2882',
      job_type: '0',
      dst: '127.0.0.1:2882',
      is_schedule: 'True',
    });
    testSim.sim.control.advance(600);
    expect(await rows(sys, sql)).toEqual([]);
  });
});

describe('__all_tenant from sys', () => {
  it('answers obdiag’s query with every tenant and the compatibility mode as a number', async () => {
    const sys = await as('root@sys');
    const tenants = await rows(
      sys,
      'select tenant_id,tenant_name,primary_zone,compatibility_mode from oceanbase.__all_tenant;',
    );
    expect(tenants.map((r) => [r.tenant_id, r.tenant_name, r.compatibility_mode])).toEqual([
      ['1', 'sys', '0'],
      ['1001', 'META$1002', '0'],
      ['1002', 'mysql_tenant', '0'],
      ['1003', 'META$1004', '0'],
      ['1004', 'oracle_tenant', '1'],
    ]);
  });
});

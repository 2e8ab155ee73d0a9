import { describe, expect, it } from 'vitest';
import { createConnection } from 'mysql2/promise';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('errors in an Oracle-mode tenant carry the Oracle number and text', () => {
  it("OceanBase's own backup errors are ORA-00600 with the inner code and the MySQL-mode text", async () => {
    const o = await as('SYS@oracle_tenant');
    await o.query('ALTER SYSTEM BACKUP DATABASE');
    expect(await sqlError(o, 'ALTER SYSTEM BACKUP DATABASE')).toEqual({
      errno: 600,
      sqlState: 'HY000',
      sqlMessage: 'ORA-00600: internal error code, arguments: -9036, Backup is in progress',
    });
    expect(await sqlError(o, 'ALTER SYSTEM BACKUP TENANT = oracle_tenant')).toEqual({
      errno: 600,
      sqlState: '0A000',
      sqlMessage:
        'ORA-00600: internal error code, arguments: -4007, user tenant cannot specify tenant names not supported',
    });
    expect(await sqlError(o, 'ALTER SYSTEM ARCHIVELOG')).toEqual({
      errno: 600,
      sqlState: 'HY000',
      sqlMessage: 'ORA-00600: internal error code, arguments: -9091, Already in ARCHIVELOG mode',
    });
  });

  it('a 9040 refusal keeps its reason inside ORA-00600', async () => {
    testSim.sim.control.setArchive('oracle_tenant', 'stop');
    testSim.sim.control.advance(5);
    const o = await as('SYS@oracle_tenant');
    expect(await sqlError(o, 'ALTER SYSTEM BACKUP DATABASE')).toEqual({
      errno: 600,
      sqlState: 'HY000',
      sqlMessage:
        'ORA-00600: internal error code, arguments: -9040, backup can not start, because log archive status is not doing.',
    });
  });

  it('a parse error is ORA-00900 with the near text; a missing view is ORA-00942 naming SYS.X', async () => {
    const o = await as('SYS@oracle_tenant');
    expect(await sqlError(o, 'ALTER SYSTEM BACKUP NONSENSE')).toEqual({
      errno: 900,
      sqlState: '42000',
      sqlMessage:
        "ORA-00900: You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near 'NONSENSE' at line 1",
    });
    expect(await sqlError(o, 'SELECT * FROM SYS.NO_SUCH_VIEW')).toEqual({
      errno: 942,
      sqlState: '42S02',
      sqlMessage: "ORA-00942: table or view 'SYS.NO_SUCH_VIEW' does not exist",
    });
    expect((await sqlError(o, 'SELECT * FROM CDB_OB_BACKUP_JOBS')).sqlMessage).toBe(
      "ORA-00942: table or view 'SYS.CDB_OB_BACKUP_JOBS' does not exist",
    );
  });

  it('several statements without CLIENT_MULTI_STATEMENTS are ORA-00900 with the 1149 text (OB_ERR_PARSER_SYNTAX)', async () => {
    const single = await createConnection({
      host: '127.0.0.1',
      port: testSim.sim.sqlPort,
      user: 'SYS@oracle_tenant',
      password: 'oceanbase',
      multipleStatements: false,
    });
    try {
      await expect(single.query('SELECT 1 FROM DUAL; SELECT 2 FROM DUAL')).rejects.toMatchObject({
        errno: 900,
        sqlState: '42000',
        sqlMessage:
          'ORA-00900: You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use',
      });
    } finally {
      await single.end();
    }
  });

  it('COMMENT is reserved: unquoted it is a syntax error, quoted it reads the column', async () => {
    const o = await as('SYS@oracle_tenant');
    expect(
      await sqlError(o, 'SELECT JOB_ID, COMMENT FROM SYS.DBA_OB_BACKUP_JOB_HISTORY'),
    ).toMatchObject({
      errno: 900,
      sqlMessage: expect.stringContaining(
        "near 'COMMENT FROM SYS.DBA_OB_BACKUP_JOB_HISTORY' at line 1",
      ),
    });
    expect(await rows(o, 'SELECT JOB_ID, "COMMENT" FROM SYS.DBA_OB_BACKUP_JOB_HISTORY')).toEqual(
      [],
    );
    // MySQL mode has no such rule.
    const m = await as('root@mysql_tenant');
    expect(
      await rows(m, 'SELECT JOB_ID, COMMENT FROM oceanbase.DBA_OB_BACKUP_JOB_HISTORY'),
    ).toEqual([]);
  });

  it('a DESCRIPTION of 2048 bytes or more is 4024 Buffer not enough, in either mode', async () => {
    const m = await as('root@mysql_tenant');
    expect(
      await sqlError(m, `ALTER SYSTEM BACKUP DATABASE DESCRIPTION '${'x'.repeat(2048)}'`),
    ).toEqual({
      errno: 4024,
      sqlState: 'HY000',
      sqlMessage: 'Buffer not enough',
    });
    // 683 three-byte characters are 2049 bytes although only 683 characters.
    expect(
      (await sqlError(m, `ALTER SYSTEM BACKUP DATABASE DESCRIPTION '${'备'.repeat(683)}'`)).errno,
    ).toBe(4024);
    const o = await as('SYS@oracle_tenant');
    expect(
      await sqlError(o, `ALTER SYSTEM BACKUP DATABASE DESCRIPTION '${'x'.repeat(2048)}'`),
    ).toEqual({
      errno: 600,
      sqlState: 'HY000',
      sqlMessage: 'ORA-00600: internal error code, arguments: -4024, Buffer not enough',
    });
    await m.query(`ALTER SYSTEM BACKUP DATABASE DESCRIPTION '${'x'.repeat(2047)}'`);
  });
});

describe('values in Oracle-mode views', () => {
  it('an empty string is NULL; times are whole seconds at +08:00', async () => {
    const o = await as('SYS@oracle_tenant');
    await o.query("ALTER SESSION SET TIME_ZONE = '-05:00'");
    await o.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(120);
    const [row] = await rows(
      o,
      'SELECT START_TIMESTAMP, END_TIMESTAMP, DESCRIPTION, "COMMENT", RESULT FROM SYS.DBA_OB_BACKUP_JOB_HISTORY',
    );
    expect(row).toMatchObject({ DESCRIPTION: null, COMMENT: null, RESULT: '0' });
    expect(String(row?.START_TIMESTAMP)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(String(row?.END_TIMESTAMP)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // The same job in MySQL mode, read by sys at +08:00, has the same wall time with microseconds.
    const sys = await as('root@sys');
    const [mysqlRow] = await rows(
      sys,
      'SELECT START_TIMESTAMP, DESCRIPTION FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1004',
    );
    expect(String(mysqlRow?.START_TIMESTAMP).slice(0, 19)).toBe(row?.START_TIMESTAMP);
    expect(mysqlRow?.DESCRIPTION).toBe('');
  });
});

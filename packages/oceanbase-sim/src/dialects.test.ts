import { describe, expect, it } from 'vitest';
import { rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('session-scoped encryption', () => {
  it('the password stays on its session only, for every later backup there', async () => {
    const a = await as('root@mysql_tenant', 'oceanbase');
    const b = await as('root@mysql_tenant', 'oceanbase');
    await a.query("SET ENCRYPTION ON IDENTIFIED BY 'S3cret!' ONLY");
    expect(await rows(a, 'SELECT @__ob_backup_encryption_mode__ AS m')).toEqual([
      { m: 'PASSWORD' },
    ]);
    await a.query('ALTER SYSTEM BACKUP DATABASE');
    const hash = '*52a04ef78765e21adcf174cc2a6e22a12fb7401a'; // '*' + hex(SHA1(SHA1('S3cret!')))
    expect(await rows(a, 'SELECT ENCRYPTION_MODE, PASSWD FROM DBA_OB_BACKUP_JOBS')).toEqual([
      { ENCRYPTION_MODE: 'PASSWORD', PASSWD: hash },
    ]);
    testSim.sim.control.advance(120);
    await b.query('ALTER SYSTEM BACKUP DATABASE');
    expect(await rows(b, 'SELECT ENCRYPTION_MODE, PASSWD FROM DBA_OB_BACKUP_JOBS')).toEqual([
      { ENCRYPTION_MODE: 'NONE', PASSWD: '' },
    ]);
    testSim.sim.control.advance(120);
    await a.query('ALTER SYSTEM BACKUP DATABASE');
    expect(await rows(a, 'SELECT ENCRYPTION_MODE, PASSWD FROM DBA_OB_BACKUP_JOBS')).toEqual([
      { ENCRYPTION_MODE: 'PASSWORD', PASSWD: hash },
    ]);
    expect(await rows(a, 'SELECT PASSWD FROM DBA_OB_BACKUP_TASKS')).toEqual([]);
    testSim.sim.control.advance(5);
    expect(await rows(a, 'SELECT PASSWD FROM DBA_OB_BACKUP_TASKS')).toEqual([{ PASSWD: hash }]);
    expect(
      await rows(
        a,
        "SELECT DISTINCT PASSWD FROM DBA_OB_BACKUP_SET_FILES WHERE ENCRYPTION_MODE = 'PASSWORD'",
      ),
    ).toEqual([{ PASSWD: hash }]);
    await a.query("SET ENCRYPTION ON IDENTIFIED BY '' ONLY");
    expect(await rows(a, 'SELECT @__ob_backup_encryption_passwd__ AS p')).toEqual([
      { p: '*be1bdec0aa74b4dcb079943e70528096cca985f8' },
    ]);
    const log = testSim.sim.control.statements(20).map((s) => s.text);
    expect(log).toContain("SET ENCRYPTION ON IDENTIFIED BY '******' ONLY");
    expect(log.join('\n')).not.toContain('S3cret!');
  });

  it('SET DECRYPTION is sys-only', async () => {
    const c = await as('root@mysql_tenant');
    expect(await sqlError(c, "SET DECRYPTION IDENTIFIED BY 'a', 'b'")).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'non-sys tenant set decryption is not supported',
    });
    await (await as('root@sys')).query("SET DECRYPTION IDENTIFIED BY 'a'");
  });
});

describe('visibility and dialects', () => {
  it('sys sees everything via CDB_, a tenant only its DBA_ rows, CDB_ from a tenant is 1146', async () => {
    const sys = await as('root@sys');
    const mysql = await as('root@mysql_tenant');
    const oracle = await as('SYS@oracle_tenant');
    await mysql.query('ALTER SYSTEM BACKUP DATABASE');
    await oracle.query('ALTER SYSTEM BACKUP DATABASE');
    expect(
      (await rows(sys, 'SELECT TENANT_ID FROM oceanbase.CDB_OB_BACKUP_JOBS ORDER BY 1')).map(
        (r) => r.TENANT_ID,
      ),
    ).toEqual(['1002', '1004']);
    expect(await rows(sys, 'SELECT * FROM oceanbase.DBA_OB_BACKUP_JOBS')).toEqual([]);
    expect(await rows(mysql, 'SELECT JOB_ID FROM oceanbase.DBA_OB_BACKUP_JOBS')).toHaveLength(1);
    expect(await sqlError(mysql, 'SELECT * FROM oceanbase.CDB_OB_BACKUP_JOBS')).toEqual({
      errno: 1146,
      sqlState: '42S02',
      sqlMessage: "Table 'oceanbase.CDB_OB_BACKUP_JOBS' doesn't exist",
    });
    expect(await sqlError(mysql, 'SELECT * FROM DBA_OB_BACKUP_JOBS')).toMatchObject({
      errno: 1046,
    });
  });

  it('the Oracle tenant: SYS. prefix, unqualified names, double quotes, FETCH/OFFSET, DUAL, SESSION_PRIVS, ALTER SESSION', async () => {
    const o = await as('SYS@oracle_tenant');
    await o.query('ALTER SYSTEM BACKUP DATABASE PLUS ARCHIVELOG');
    const viaSys = await rows(
      o,
      'SELECT JOB_ID, STATUS FROM SYS.DBA_OB_BACKUP_JOBS FETCH FIRST 1 ROWS ONLY',
    );
    expect(viaSys).toEqual([{ JOB_ID: '1', STATUS: 'INIT' }]);
    expect(
      await rows(
        o,
        'select "JOB_ID" from "SYS"."DBA_OB_BACKUP_JOBS" OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY',
      ),
    ).toEqual([{ JOB_ID: '1' }]);
    expect(await rows(o, 'SELECT job_id FROM DBA_OB_BACKUP_JOBS OFFSET 1 ROWS')).toEqual([]);
    expect(await rows(o, "SELECT 'it''s \\n' AS s FROM DUAL")).toEqual([{ S: "it's \\n" }]);
    const privs = (await rows(o, 'SELECT PRIVILEGE FROM SESSION_PRIVS')).map((r) => r.PRIVILEGE);
    expect(privs).toEqual(expect.arrayContaining(['ALTER SYSTEM', 'SELECT ANY DICTIONARY']));
    // Whole seconds at a fixed +08:00, whatever the session's zone.
    const startUs = testSim.sim.control.clock().nowUs;
    const plus8 = new Date(Math.floor(startUs / 1e6) * 1000 + 8 * 3600 * 1000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    const before = (await rows(o, 'SELECT START_TIMESTAMP FROM DBA_OB_BACKUP_JOBS'))[0]
      ?.START_TIMESTAMP as string;
    expect(before).toBe(plus8);
    await o.query("ALTER SESSION SET TIME_ZONE = '+00:00'");
    expect(
      (
        await rows(o, 'SELECT START_TIMESTAMP, END_TIMESTAMP, "COMMENT" FROM DBA_OB_BACKUP_JOBS')
      )[0],
    ).toEqual({
      START_TIMESTAMP: plus8,
      END_TIMESTAMP: null,
      COMMENT: null,
    });
    expect(await sqlError(o, 'SELECT * FROM SYS.CDB_OB_BACKUP_JOBS')).toMatchObject({ errno: 942 });
  });

  it('the Oracle tenant reads the database clock: SYSTIMESTAMP with its zone, SYS_EXTRACT_UTC, TO_CHAR', async () => {
    const o = await as('SYS@oracle_tenant');
    const nowUs = testSim.sim.control.clock().nowUs;
    const utc = new Date(Math.floor(nowUs / 1000)).toISOString().replace('T', ' ').slice(0, 19);
    const micro = String(nowUs % 1_000_000).padStart(6, '0');
    const [row] = await rows(
      o,
      `SELECT SYSTIMESTAMP AS TS, SYS_EXTRACT_UTC(SYSTIMESTAMP) AS U,
              TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'YYYY-MM-DD HH24:MI:SS.FF6') AS F,
              TO_CHAR(SYSTIMESTAMP, 'DD-MON-YY HH12.MI.SS.FF3 AM "zone"') AS L FROM DUAL`,
    );
    expect(row?.TS).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \+08:00$/);
    expect(row?.U).toBe(`${utc}.${micro}`);
    expect(row?.F).toBe(`${utc}.${micro}`);
    expect(row?.L).toMatch(/^\d\d-[A-Z]{3}-\d\d \d\d\.\d\d\.\d\d\.\d{3} (AM|PM) zone$/);
    await o.query("ALTER SESSION SET TIME_ZONE = '-05:00'");
    expect((await rows(o, 'SELECT SYSTIMESTAMP AS TS FROM DUAL'))[0]?.TS).toMatch(/ -05:00$/);
    expect(
      (
        await rows(
          o,
          "SELECT TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'YYYY-MM-DD HH24:MI:SS.FF6') AS F FROM DUAL",
        )
      )[0]?.F,
    ).toBe(`${utc}.${micro}`);
  });

  it('the sys tenant reads the database clock with NOW(6), and a clock set back (an NTP step) leaves the history as it was', async () => {
    const c = await as('root@sys', 'oceanbase');
    await c.query("SET time_zone = '+00:00'");
    const utc = (us: number) =>
      `${new Date(Math.floor(us / 1000)).toISOString().replace('T', ' ').slice(0, 19)}.${String(us % 1_000_000).padStart(6, '0')}`;
    const startUs = testSim.sim.control.clock().nowUs;
    expect(await rows(c, 'SELECT NOW(6) AS N')).toEqual([{ N: utc(startUs) }]);
    await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    for (let s = 0; s < 300; s += 5) testSim.sim.control.advance(5);
    const history =
      'SELECT JOB_ID, END_TIMESTAMP FROM CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002';
    const before = await rows(c, history);
    expect(before).toHaveLength(1);
    const backUs = startUs - 3600 * 1_000_000;
    testSim.sim.control.setClock(backUs);
    expect(await rows(c, 'SELECT NOW(6) AS N')).toEqual([{ N: utc(backUs) }]);
    // The job's end time now lies an hour in the clock's future; the next job starts at the new time.
    expect(await rows(c, history)).toEqual(before);
    await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    expect(
      await rows(
        c,
        'SELECT JOB_ID, START_TIMESTAMP FROM CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
      ),
    ).toEqual([{ JOB_ID: '2', START_TIMESTAMP: utc(backUs) }]);
  });

  it('MySQL mode honours backslash escapes, SET time_zone changes timestamps, SQL features work', async () => {
    const c = await as('root@sys', 'oceanbase');
    expect(await rows(c, "SELECT 'a\\'b' AS s")).toEqual([{ s: "a'b" }]);
    await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    const at8 = (
      await rows(c, 'SELECT START_TIMESTAMP FROM CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002')
    )[0]?.START_TIMESTAMP as string;
    await c.query("SET time_zone = '+00:00'");
    expect(await rows(c, 'SELECT @@time_zone AS tz')).toEqual([{ tz: '+00:00' }]);
    const at0 = (
      await rows(c, 'SELECT START_TIMESTAMP FROM CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002')
    )[0]?.START_TIMESTAMP as string;
    expect(at8.slice(11, 13)).toBe(String((Number(at0.slice(11, 13)) + 8) % 24).padStart(2, '0'));
    expect(await sqlError(c, "SET time_zone = 'Mars/Base'")).toMatchObject({ errno: 1298 });
    const joined = await rows(
      c,
      `SELECT j.TENANT_ID, t.TENANT_NAME, COUNT(*) AS n FROM CDB_OB_BACKUP_JOBS j JOIN DBA_OB_TENANTS t ON t.TENANT_ID = j.TENANT_ID
       WHERE j.START_TIMESTAMP > NOW() - INTERVAL 1 DAY AND (j.TENANT_ID, j.JOB_ID) > (0, 0)
         AND j.TENANT_ID IN (SELECT TENANT_ID FROM DBA_OB_TENANTS WHERE TENANT_TYPE IN ('SYS','USER'))
       GROUP BY j.TENANT_ID, t.TENANT_NAME ORDER BY j.TENANT_ID LIMIT 0, 10`,
    );
    expect(joined).toEqual([
      { TENANT_ID: '1', TENANT_NAME: 'sys', n: '1' },
      { TENANT_ID: '1002', TENANT_NAME: 'mysql_tenant', n: '1' },
    ]);
    expect(
      await rows(
        c,
        "SELECT DATE_FORMAT('2024-05-06 07:08:09.123456', '%Y/%m/%d %H:%i:%s.%f') AS d, USEC_TO_TIME(0) AS u, TIME_TO_USEC('1970-01-01 00:00:01') AS t",
      ),
    ).toEqual([{ d: '2024/05/06 07:08:09.123456', u: '1970-01-01 00:00:00.000000', t: '1000000' }]);
  });
});

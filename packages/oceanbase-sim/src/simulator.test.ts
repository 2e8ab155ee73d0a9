import { describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { connect as netConnect } from 'node:net';
import { connect, rows, sqlError } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('login and connect-time statements', () => {
  it('answers like OceanBase CE 4.3 and the usual client probes', async () => {
    const c = await as('root@sys');
    expect(await rows(c, 'SELECT VERSION()')).toEqual([
      { 'VERSION()': '5.7.25-OceanBase_CE-v4.3.5.1' },
    ]);
    expect((await rows(c, 'select @@version_comment limit 1'))[0]?.['@@version_comment']).toMatch(
      /^OceanBase_CE 4\.3/,
    );
    await c.query('SET NAMES utf8mb4');
    await c.query('SET autocommit = 1');
    await c.query("SET time_zone = '+08:00'");
    expect(await rows(c, "SHOW VARIABLES LIKE 'time_zone'")).toEqual([
      { Variable_name: 'time_zone', Value: '+08:00' },
    ]);
    expect(await rows(c, 'SELECT DATABASE()')).toEqual([{ 'DATABASE()': null }]);
    await c.query('USE oceanbase');
    expect(await rows(c, 'SELECT DATABASE()')).toEqual([{ 'DATABASE()': 'oceanbase' }]);
    const dbs = (await rows(c, 'SHOW DATABASES')).map((r) => r.Database);
    expect(dbs).toContain('oceanbase');
    const tables = (await rows(c, 'SHOW TABLES')).map((r) => r.Tables_in_oceanbase);
    expect(tables).toContain('CDB_OB_BACKUP_JOBS');
    expect(await rows(c, 'SELECT ob_version() AS v, EFFECTIVE_TENANT_ID() AS t')).toEqual([
      { v: '4.3.5.1', t: '1' },
    ]);
  });

  it('refuses a wrong password, an unknown tenant and a #cluster on a direct login alike: 1045 (42000)', async () => {
    const denied = {
      errno: 1045,
      sqlState: '42000',
      sqlMessage: "Access denied for user 'root'@'127.0.0.1' (using password: YES)",
    };
    await expect(connect(testSim.sim, 'root@sys', 'nope')).rejects.toMatchObject(denied);
    await expect(connect(testSim.sim, 'root@no_such_tenant', 'oceanbase')).rejects.toMatchObject(
      denied,
    );
    await expect(connect(testSim.sim, 'root@sys#demo', 'oceanbase')).rejects.toMatchObject(denied);
  });

  it('login without @tenant goes to sys', async () => {
    const c = await as('root');
    expect(await rows(c, 'SELECT EFFECTIVE_TENANT_ID() AS t')).toEqual([{ t: '1' }]);
  });

  it('SHOW GRANTS reflects the account', async () => {
    expect(await rows(await as('root@sys'), 'SHOW GRANTS')).toEqual([
      { 'Grants for root@%': "GRANT ALL PRIVILEGES ON *.* TO 'root' WITH GRANT OPTION" },
    ]);
    const support = await rows(await as('support@sys'), 'SHOW GRANTS');
    expect(support.map((r) => Object.values(r)[0])).toEqual([
      "GRANT USAGE ON *.* TO 'support'",
      "GRANT SELECT ON `oceanbase`.* TO 'support'",
    ]);
  });

  it('unsupported SQL is a parse error with the near text, writes to views are refused', async () => {
    const c = await as('root@sys');
    const e = await sqlError(c, 'ALTER SYSTEM FROBNICATE now');
    expect(e).toMatchObject({ errno: 1064, sqlState: '42000' });
    expect(e.sqlMessage).toBe(
      "You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near 'FROBNICATE now' at line 1",
    );
    expect(await sqlError(c, 'DELETE FROM oceanbase.CDB_OB_BACKUP_JOBS')).toMatchObject({
      errno: 1288,
    });
    expect(await sqlError(c, 'CREATE TABLE t (a int)')).toMatchObject({ errno: 1064 });
  });
});

describe('column metadata', () => {
  it('sends SCNs as exact unsigned bigints, decimals as text and timestamps with microseconds', async () => {
    const c = await as('root@sys');
    const [result, fields] = await c.query(
      'SELECT TENANT_ID, CHECKPOINT_SCN, START_SCN_DISPLAY, COMPRESSION_RATIO, INPUT_BYTES_DISPLAY FROM oceanbase.CDB_OB_ARCHIVELOG ORDER BY TENANT_ID',
    );
    const list = result as Record<string, string>[];
    expect(list).toHaveLength(2);
    const scn = list[0]?.CHECKPOINT_SCN ?? '';
    expect(BigInt(scn) > 2n ** 53n).toBe(true);
    expect(scn.endsWith('000')).toBe(true);
    expect(list[0]?.START_SCN_DISPLAY).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(list[0]?.COMPRESSION_RATIO).toMatch(/^\d+\.\d\d$/);
    const meta = fields as unknown as Field[];
    const field = (name: string): Field | undefined => meta.find((f) => f.name === name);
    expect(field('TENANT_ID')?.columnType).toBe(8); // LONGLONG
    expect(field('CHECKPOINT_SCN')?.columnType).toBe(8);
    expect((field('CHECKPOINT_SCN')?.flags ?? 0) & 32).toBe(32); // UNSIGNED
    // The recorded DESC says datetime(6), decimal(24,2) and varchar(28) for these.
    expect(field('START_SCN_DISPLAY')).toMatchObject({ columnType: 12, decimals: 6 }); // DATETIME
    expect(field('COMPRESSION_RATIO')).toMatchObject({
      columnType: 246,
      decimals: 2,
      columnLength: 26,
    });
    expect(field('INPUT_BYTES_DISPLAY')).toMatchObject({ columnType: 253, columnLength: 28 * 4 });
  });

  it('types the backup views as their recorded DESC declares them, NOT NULL included', async () => {
    const c = await as('root@mysql_tenant');
    const [, fields] = await c.query(
      'SELECT BACKUP_SET_ID, OUTPUT_RATE_BYTES, STATUS, ELAPSED_SECONDES FROM oceanbase.DBA_OB_BACKUP_SET_FILES',
    );
    const meta = fields as unknown as Field[];
    const field = (name: string): Field | undefined => meta.find((f) => f.name === name);
    expect(field('BACKUP_SET_ID')).toMatchObject({ columnType: 8, columnLength: 20 });
    const [, jobFields] = await c.query(
      'SELECT JOB_ID, START_TIMESTAMP, COMMENT FROM oceanbase.DBA_OB_BACKUP_JOBS',
    );
    const jobMeta = jobFields as unknown as Field[];
    expect(jobMeta[0]).toMatchObject({ columnType: 8, columnLength: 20 });
    expect((jobMeta[0]?.flags ?? 0) & 1).toBe(1); // NOT NULL: JOB_ID bigint(20) NO
    expect(jobMeta[1]).toMatchObject({ columnType: 7, decimals: 6 }); // timestamp(6)
    expect((jobMeta[2]?.flags ?? 0) & 1).toBe(0); // COMMENT varchar(4096) YES
    expect(field('OUTPUT_RATE_BYTES')).toMatchObject({
      columnType: 246,
      decimals: 4,
      columnLength: 34,
    });
    expect(field('ELAPSED_SECONDES')).toMatchObject({
      columnType: 246,
      decimals: 0,
      columnLength: 23,
    });
    expect(field('STATUS')).toMatchObject({ columnType: 253, columnLength: 64 * 4 });
  });
});

interface Field {
  name: string;
  columnType: number;
  columnLength: number;
  decimals: number;
  flags: number;
}

describe('accepts statements in every written form', () => {
  it('comments, newlines, case, optional = and trailing semicolon', async () => {
    const sys = await as('root@sys');
    await sys.query(`/* start */ alter   system
      backup incremental tenant mysql_tenant -- trailing comment
      plus archivelog description 'x';`);
    await sys.query('Alter System Cancel Backup Tenant = `mysql_tenant`');
    await sys.query("ALTER SYSTEM SET log_archive_dest_state = 'DEFER' TENANT = oracle_tenant");
    testSim.sim.control.advance(3);
    expect(
      (await rows(sys, 'SELECT STATUS FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1004'))[0]
        ?.STATUS,
    ).toBe('SUSPEND');
    await sys.query("ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE = 'ENABLE' TENANT = oracle_tenant");
    expect(
      (await rows(sys, 'SELECT STATUS FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1004'))[0]
        ?.STATUS,
    ).toBe('DOING');
    expect(await sqlError(sys, 'ALTER SYSTEM ARCHIVELOG TENANT = all_user')).toMatchObject({
      errno: 1235,
    });
  });
});

describe('connection faults', () => {
  /** A connection whose loss is expected: its error events are the test's business. */
  async function fragile(): Promise<{ c: Connection; lost: () => string | undefined }> {
    const c = await connect(testSim.sim, 'root@sys', 'oceanbase');
    let code: string | undefined;
    c.on('error', (e: { code?: string }) => (code = e.code));
    return { c, lost: () => code };
  }

  it('dropping connections with a refusal window cuts new logins until the window is lifted', async () => {
    const { lost } = await fragile();
    expect(testSim.sim.control.dropConnections(30)).toBeGreaterThan(0);
    await expect.poll(lost).toBe('PROTOCOL_CONNECTION_LOST');
    // The socket is closed before any greeting, as when nothing listens yet.
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = netConnect(testSim.sim.sqlPort, '127.0.0.1');
      socket.once('data', () => resolve(true));
      socket.once('close', () => resolve(false));
      socket.once('error', () => undefined);
    });
    expect(greeted).toBe(false);
    // A drop without refusal ends the window: the observer is back.
    testSim.sim.control.dropConnections(0);
    const { c: again } = await fragile();
    expect(await rows(again, 'SELECT 1 AS X')).toEqual([{ X: '1' }]);
    await again.end();
  });

  it('refuses a refusal window outside 0..60 seconds', () => {
    expect(() => testSim.sim.control.dropConnections(-1)).toThrow(/0\.\.60/);
    expect(() => testSim.sim.control.dropConnections(61)).toThrow(/0\.\.60/);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { connect, rows, sqlError, startTestSim } from './testing/harness.js';

// Parameter and destination rules (sources in docs/oceanbase-facts.md).
let sim: Simulator;
const open: Connection[] = [];
async function as(user: string): Promise<Connection> {
  const c = await connect(sim, user, 'oceanbase');
  open.push(c);
  return c;
}

beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.reset();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)));
});

describe('ALTER SYSTEM SET names OceanBase does not know', () => {
  it('is 5099 System config unknown (42000), in sys and in a tenant', async () => {
    const sys = await as('root@sys');
    const t = await as('root@mysql_tenant');
    const expected = { errno: 5099, sqlState: '42000', sqlMessage: 'System config unknown' };
    expect(
      await sqlError(sys, "ALTER SYSTEM SET no_such_param = '1' TENANT = mysql_tenant"),
    ).toEqual(expected);
    expect(await sqlError(t, 'ALTER SYSTEM SET no_such_param = 1')).toEqual(expected);
  });

  it('is checked before the value of a known name is', async () => {
    const t = await as('root@mysql_tenant');
    expect(
      await sqlError(t, 'ALTER SYSTEM SET ha_low_thread_score = 999, bogus_param = 1'),
    ).toMatchObject({ errno: 5099 });
  });
});

describe('an emptied DATA_BACKUP_DEST', () => {
  it('keeps its row in DBA_OB_BACKUP_PARAMETER with an empty value, and backups refuse to start', async () => {
    const t = await as('root@mysql_tenant');
    await t.query("ALTER SYSTEM SET DATA_BACKUP_DEST = ''");
    expect(await rows(t, 'SELECT NAME, VALUE FROM oceanbase.DBA_OB_BACKUP_PARAMETER')).toEqual([
      { NAME: 'data_backup_dest', VALUE: '' },
    ]);
    expect(await sqlError(t, 'ALTER SYSTEM BACKUP DATABASE')).toMatchObject({ errno: 9040 });
  });
});

describe('SHOW PARAMETERS … TENANT = t', () => {
  it('shows tenant t’s values to sys', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM SET ha_low_thread_score = 7 TENANT = oracle_tenant');
    const show = async (sql: string): Promise<unknown> =>
      (await rows(sys, sql)).map((r) => [r.name, r.value, r.isdefault]);
    expect(await show("SHOW PARAMETERS LIKE 'ha_low%' TENANT = oracle_tenant")).toEqual([
      ['ha_low_thread_score', '7', '0'],
    ]);
    expect(await show("SHOW PARAMETERS LIKE 'ha_low%' TENANT = mysql_tenant")).toEqual([
      ['ha_low_thread_score', '0', '1'],
    ]);
  });

  it('refuses an unknown tenant and a user tenant naming one', async () => {
    const sys = await as('root@sys');
    const t = await as('root@mysql_tenant');
    expect(await sqlError(sys, 'SHOW PARAMETERS TENANT = nosuch')).toMatchObject({ errno: 5160 });
    expect(await sqlError(t, 'SHOW PARAMETERS TENANT = mysql_tenant')).toMatchObject({
      errno: 1227,
    });
  });
});

describe('backup_data_file_size, a cluster parameter', () => {
  it('shows as CAPACITY, scope CLUSTER, default 4G, in every tenant', async () => {
    const t = await as('root@mysql_tenant');
    expect(await rows(t, "SHOW PARAMETERS LIKE 'backup_data_file_size'")).toMatchObject([
      {
        name: 'backup_data_file_size',
        data_type: 'CAPACITY',
        value: '4G',
        info: 'backup data file size. Range: [512M, 4G] in integer',
        scope: 'CLUSTER',
        default_value: '4G',
        isdefault: '1',
      },
    ]);
  });

  it('is set from sys without TENANT within [512M, 4G], else 4147', async () => {
    const sys = await as('root@sys');
    await sys.query("ALTER SYSTEM SET backup_data_file_size = '1G'");
    expect((await rows(sys, "SHOW PARAMETERS LIKE 'backup_data_file_size'"))[0]).toMatchObject({
      value: '1G',
      isdefault: '0',
    });
    for (const v of ["'511M'", "'5G'", "'big'"])
      expect(await sqlError(sys, `ALTER SYSTEM SET backup_data_file_size = ${v}`)).toMatchObject({
        errno: 4147,
      });
    expect(
      await sqlError(sys, "ALTER SYSTEM SET backup_data_file_size = '1G' TENANT = mysql_tenant"),
    ).toMatchObject({ errno: 1235 });
    const t = await as('root@mysql_tenant');
    expect(await sqlError(t, "ALTER SYSTEM SET backup_data_file_size = '1G'")).toMatchObject({
      errno: 1227,
    });
  });
});

describe('ALTER SYSTEM SET LOG_ARCHIVE_DEST, as ObLogArchiveDestConfigParser reads it', () => {
  const set = (value: string) =>
    `ALTER SYSTEM SET LOG_ARCHIVE_DEST = '${value}' TENANT = mysql_tenant`;

  it('parses the value before anything else: format errors win over a running round', async () => {
    const sys = await as('root@sys');
    // The default round is DOING: a well-formed value meets the running check...
    expect(await sqlError(sys, set('LOCATION=file:///arch/new'))).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'change archive dest when archive is running is not supported',
    });
    // ...but a malformed one fails on its own terms first.
    expect(await sqlError(sys, set('LOCATION=file:///a PIECE_SWITCH_INTERVAL=8d'))).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'invalid piece_switch_interval out of range [1d,7d] is not supported',
    });
    expect(await sqlError(sys, set('BINDING=Optional'))).toMatchObject({
      errno: 1235,
      sqlMessage: 'set archive dest without location is not supported',
    });
  });

  it('refuses unknown keys, empty values and malformed intervals with their own codes', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    sim.control.advance(5);
    expect(await sqlError(sys, set('file:///no/key'))).toMatchObject({
      errno: 1235,
      sqlMessage: 'Not supported feature or function',
    });
    expect(await sqlError(sys, set('LOCATION=file:///a COMPRESSION=lz4'))).toMatchObject({
      errno: 1235,
      sqlMessage: 'Not supported feature or function',
    });
    expect(await sqlError(sys, set('LOCATION='))).toMatchObject({ errno: 1210 });
    expect(await sqlError(sys, set('LOCATION=file:///a PIECE_SWITCH_INTERVAL=soon'))).toMatchObject(
      { errno: 1210 },
    );
    expect(await sqlError(sys, set('LOCATION=file:///a PIECE_SWITCH_INTERVAL=12h'))).toMatchObject({
      errno: 1235,
      sqlMessage: 'invalid piece_switch_interval out of range [1d,7d] is not supported',
    });
    await sys.query(set('location=file:///arch/ok  piece_switch_interval=36h binding=MANDATORY'));
    const dest = await rows(
      sys,
      "SELECT NAME, VALUE FROM oceanbase.CDB_OB_ARCHIVE_DEST WHERE TENANT_ID = 1002 AND NAME IN ('path', 'piece_switch_interval', 'binding') ORDER BY NAME",
    );
    expect(dest).toEqual([
      { NAME: 'binding', VALUE: 'MANDATORY' },
      { NAME: 'path', VALUE: 'file:///arch/ok' },
      { NAME: 'piece_switch_interval', VALUE: '36h' },
    ]);
  });

  it("takes '' as removing the destination, once the round has stopped", async () => {
    const sys = await as('root@sys');
    expect(await sqlError(sys, set(''))).toMatchObject({ errno: 1235 });
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    sim.control.advance(5);
    await sys.query(set(''));
    expect(
      await rows(sys, 'SELECT NAME FROM oceanbase.CDB_OB_ARCHIVE_DEST WHERE TENANT_ID = 1002'),
    ).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { connect, rows, sqlError, startTestSim } from './testing/harness.js';

// ALTER SYSTEM [NO]ARCHIVELOG as ob_alter_system_resolver.cpp resolves it and
// ob_archive_scheduler_service.cpp runs it (see docs/oceanbase-facts.md).
let sim: Simulator;
const open: Connection[] = [];
async function as(user: string): Promise<Connection> {
  const c = await connect(sim, user, 'oceanbase');
  open.push(c);
  return c;
}
const logModes = async (sys: Connection): Promise<Record<string, unknown>[]> =>
  rows(
    sys,
    'SELECT TENANT_NAME, LOG_MODE FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID IN (1002, 1004) ORDER BY TENANT_ID',
  );

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

describe('sys ARCHIVELOG ignores each tenant’s error', () => {
  it('answers OK when every tenant is already in ARCHIVELOG mode, listed or not', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM ARCHIVELOG');
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = all');
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant, oracle_tenant');
  });

  it('switches the tenants that can switch and stays silent about the others', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant');
    sim.control.setTenantStatus('mysql_tenant', 'DROPPING');
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant, oracle_tenant');
    expect(await logModes(sys)).toEqual([
      { TENANT_NAME: 'mysql_tenant', LOG_MODE: 'ARCHIVELOG' },
      { TENANT_NAME: 'oracle_tenant', LOG_MODE: 'ARCHIVELOG' },
    ]);
  });

  it('a user tenant still hears its own error', async () => {
    const t = await as('root@mysql_tenant');
    expect(await sqlError(t, 'ALTER SYSTEM ARCHIVELOG')).toEqual({
      errno: 9091,
      sqlState: 'HY000',
      sqlMessage: 'Already in ARCHIVELOG mode',
    });
  });
});

describe('sys NOARCHIVELOG answers the last tenant’s result', () => {
  it('fails with the last tenant’s error after switching the others', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant');
    expect(
      await sqlError(sys, 'ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant, oracle_tenant'),
    ).toEqual({ errno: 9092, sqlState: 'HY000', sqlMessage: 'Already in NOARCHIVELOG mode' });
    expect(await logModes(sys)).toEqual([
      { TENANT_NAME: 'mysql_tenant', LOG_MODE: 'NOARCHIVELOG' },
      { TENANT_NAME: 'oracle_tenant', LOG_MODE: 'NOARCHIVELOG' },
    ]);
  });

  it('succeeds when the last tenant switches, whatever the earlier ones answered', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant, oracle_tenant');
    expect((await logModes(sys)).map((r) => r.LOG_MODE)).toEqual(['NOARCHIVELOG', 'NOARCHIVELOG']);
  });

  it('without a list, the last user tenant by id decides', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant');
    expect(await sqlError(sys, 'ALTER SYSTEM NOARCHIVELOG')).toMatchObject({ errno: 9092 });
    // mysql_tenant (1002) switched before 1004 refused; now 1002 refuses and 1004 switches.
    expect((await logModes(sys)).map((r) => r.LOG_MODE)).toEqual(['NOARCHIVELOG', 'NOARCHIVELOG']);
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = oracle_tenant');
    await sys.query('ALTER SYSTEM NOARCHIVELOG');
  });
});

describe('tenant lists of [NO]ARCHIVELOG', () => {
  it('a tenant named twice is 1235 with its name', async () => {
    const sys = await as('root@sys');
    expect(
      await sqlError(
        sys,
        'ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant, oracle_tenant, mysql_tenant',
      ),
    ).toEqual({
      errno: 1235,
      sqlState: '0A000',
      sqlMessage: 'duplicate tenant mysql_tenant is not supported',
    });
    expect((await logModes(sys)).map((r) => r.LOG_MODE)).toEqual(['ARCHIVELOG', 'ARCHIVELOG']);
  });

  it('all, all_user or all_meta mixed with names is 1235', async () => {
    const sys = await as('root@sys');
    for (const list of ['all, mysql_tenant', 'mysql_tenant, all_user', 'all_meta, all'])
      expect(await sqlError(sys, `ALTER SYSTEM ARCHIVELOG TENANT = ${list}`)).toEqual({
        errno: 1235,
        sqlState: '0A000',
        sqlMessage: 'all/all_user/all_meta in combination with other names is not supported',
      });
  });

  it('TENANT = all_user (or all_meta) alone is 1235', async () => {
    const sys = await as('root@sys');
    for (const name of ['all_user', 'ALL_META'])
      expect(await sqlError(sys, `ALTER SYSTEM NOARCHIVELOG TENANT = ${name}`)).toEqual({
        errno: 1235,
        sqlState: '0A000',
        sqlMessage: "use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is not supported",
      });
  });

  it('TENANT = all is the same as no list', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = ALL');
    expect((await logModes(sys)).map((r) => r.LOG_MODE)).toEqual(['NOARCHIVELOG', 'NOARCHIVELOG']);
  });

  it('a user tenant naming any tenant, even itself, is 1227', async () => {
    const t = await as('root@mysql_tenant');
    for (const list of ['mysql_tenant', 'all'])
      expect(await sqlError(t, `ALTER SYSTEM NOARCHIVELOG TENANT = ${list}`)).toMatchObject({
        errno: 1227,
        sqlState: '42501',
      });
  });

  it('an unknown tenant name is refused before anything switches', async () => {
    const sys = await as('root@sys');
    expect(
      await sqlError(sys, 'ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant, nosuch'),
    ).toMatchObject({ errno: 5160 });
    expect((await logModes(sys)).map((r) => r.LOG_MODE)).toEqual(['ARCHIVELOG', 'ARCHIVELOG']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { connect, startTestSim } from './testing/harness.js';

// obdiag's gather task reads the cluster's topology next to its backup views: zones, servers,
// unit configs, resource pools and units, with the columns OceanBase 4.3 documents.
let sim: Simulator;
let sys: Connection;
let user: Connection;

beforeAll(async () => {
  sim = await startTestSim();
  sys = await connect(sim, 'root@sys', 'oceanbase');
  user = await connect(sim, 'root@mysql_tenant', 'oceanbase');
});
afterAll(async () => {
  await Promise.all([sys.end(), user.end()]);
  await sim.close();
});

async function select(c: Connection, sql: string) {
  const [rows, fields] = await c.query({ sql, rowsAsArray: false });
  return { rows: rows as Record<string, unknown>[], names: fields.map((f) => f.name) };
}

describe('the cluster topology views', () => {
  it('list one active zone and one observer holding the rootservice, in documented column order', async () => {
    const zones = await select(sys, 'SELECT * FROM oceanbase.DBA_OB_ZONES ORDER BY ZONE');
    expect(zones.names).toEqual([
      'ZONE',
      'CREATE_TIME',
      'MODIFY_TIME',
      'STATUS',
      'IDC',
      'REGION',
      'TYPE',
    ]);
    expect(zones.rows).toMatchObject([{ ZONE: 'zone1', STATUS: 'ACTIVE', TYPE: 'ReadWrite' }]);

    const servers = await select(sys, 'SELECT * FROM oceanbase.DBA_OB_SERVERS ORDER BY ZONE');
    expect(servers.names.slice(0, 7)).toEqual([
      'SVR_IP',
      'SVR_PORT',
      'ID',
      'ZONE',
      'SQL_PORT',
      'WITH_ROOTSERVER',
      'STATUS',
    ]);
    expect(servers.rows).toHaveLength(1);
    expect(servers.rows[0]).toMatchObject({
      SVR_IP: '127.0.0.1',
      SVR_PORT: '2882',
      ZONE: 'zone1',
      WITH_ROOTSERVER: 'YES',
      STATUS: 'ACTIVE',
      STOP_TIME: null,
    });
    expect(String(servers.rows[0]!.BUILD_VERSION)).toMatch(/^4\.3\.\d+\.\d+_\d+-[0-9a-f]+\(/);
  });

  it('give each user tenant its own unit config and pool, and the meta tenants none of their own', async () => {
    const configs = await select(sys, 'SELECT * FROM oceanbase.DBA_OB_UNIT_CONFIGS');
    expect(configs.rows.map((r) => r.NAME)).toEqual([
      'sys_unit_config',
      'mysql_tenant_unit',
      'oracle_tenant_unit',
    ]);
    expect(configs.rows[0]!.MAX_CPU).toBe(1);
    const pools = await select(sys, 'SELECT * FROM oceanbase.DBA_OB_RESOURCE_POOLS');
    expect(pools.rows.map((r) => [r.NAME, Number(r.TENANT_ID), r.ZONE_LIST])).toEqual([
      ['sys_pool', 1, 'zone1'],
      ['mysql_tenant_pool', 1002, 'zone1'],
      ['oracle_tenant_pool', 1004, 'zone1'],
    ]);
    const byConfig = new Map(configs.rows.map((r) => [r.UNIT_CONFIG_ID, r.NAME]));
    expect(pools.rows.map((r) => byConfig.get(r.UNIT_CONFIG_ID))).toEqual([
      'sys_unit_config',
      'mysql_tenant_unit',
      'oracle_tenant_unit',
    ]);
  });

  it('describe their columns with the types and nullability OceanBase documents', async () => {
    const [desc] = await sys.query('DESC oceanbase.DBA_OB_UNIT_CONFIGS');
    const byField = new Map(
      (desc as { Field: string; Type: string; Null: string }[]).map((r) => [r.Field, r]),
    );
    expect(byField.get('NAME')).toMatchObject({ Type: 'varchar(128)', Null: 'NO' });
    expect(byField.get('MAX_CPU')).toMatchObject({ Type: 'double', Null: 'NO' });
    expect(byField.get('CREATE_TIME')).toMatchObject({ Type: 'timestamp(6)', Null: 'YES' });
    const [servers] = await sys.query('DESC oceanbase.DBA_OB_SERVERS');
    expect((servers as { Field: string; Type: string }[]).map((r) => r.Type).slice(0, 2)).toEqual([
      'varchar(46)',
      'bigint(20)',
    ]);
  });

  it('answer obdiag’s tenant-to-server join with every tenant, meta tenants included', async () => {
    const join = await select(
      sys,
      'SELECT a.TENANT_NAME,a.TENANT_ID,b.SVR_IP FROM oceanbase.DBA_OB_TENANTS a, oceanbase.GV$OB_UNITS b WHERE a.TENANT_ID=b.TENANT_ID',
    );
    expect(join.rows.map((r) => Number(r.TENANT_ID)).sort((a, b) => a - b)).toEqual([
      1, 1001, 1002, 1003, 1004,
    ]);
    expect(new Set(join.rows.map((r) => r.SVR_IP))).toEqual(new Set(['127.0.0.1']));
  });

  it('show a user tenant its own unit and its meta tenant’s, and refuse it the sys-only views', async () => {
    const units = await select(user, 'SELECT TENANT_ID, UNIT_ID FROM oceanbase.GV$OB_UNITS');
    expect(units.rows.map((r) => Number(r.TENANT_ID))).toEqual([1001, 1002]);
    expect(new Set(units.rows.map((r) => r.UNIT_ID)).size).toBe(1);
    for (const view of [
      'DBA_OB_ZONES',
      'DBA_OB_SERVERS',
      'DBA_OB_UNIT_CONFIGS',
      'DBA_OB_RESOURCE_POOLS',
    ])
      await expect(user.query(`SELECT * FROM oceanbase.${view}`)).rejects.toMatchObject({
        errno: 1146,
      });
  });
});

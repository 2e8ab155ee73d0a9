import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/harness.js';

describe('tenants', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.sim.control.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('sys sees every user tenant with archive, destination and eligibility', async () => {
    const a = await h.login('root', 'sys');
    const res = await a.get('/api/tenants');
    expect(res.status).toBe(200);
    const names = res.body.tenants.map((t: { name: string }) => t.name);
    expect(names).toEqual(['mysql_tenant', 'oracle_tenant']);
    const mysqlTenant = res.body.tenants[0];
    expect(mysqlTenant).toMatchObject({
      tenantId: 1002,
      mode: 'MYSQL',
      status: 'NORMAL',
      archiveStatus: 'DOING',
      dataBackupDest: { set: true },
      latestFull: null,
      running: null,
      eligible: { full: { ok: true }, incremental: { ok: false, reason: 'NO_FULL_BACKUP' } },
    });
    expect(res.body.tenants[1].mode).toBe('ORACLE');
  });

  it('a stopped archive shows up as the reason a tenant cannot be backed up', async () => {
    h.sim.control.setArchive('oracle_tenant', 'stop');
    const a = await h.login('root', 'sys');
    const res = await a.get('/api/tenants');
    const oracle = res.body.tenants.find((t: { name: string }) => t.name === 'oracle_tenant');
    expect(oracle.archiveStatus).not.toBe('DOING');
    expect(oracle.eligible.full).toMatchObject({ ok: false, reason: 'LOG_ARCHIVE_NOT_DOING' });
  });

  it('a tenant admin sees only its own tenant', async () => {
    for (const [user, tenant, id] of [
      ['root', 'mysql_tenant', 1002],
      ['SYS', 'oracle_tenant', 1004],
    ] as const) {
      const a = await h.login(user, tenant);
      const res = await a.get('/api/tenants');
      expect(res.status).toBe(200);
      expect(res.body.tenants).toHaveLength(1);
      expect(res.body.tenants[0]).toMatchObject({ tenantId: id, name: tenant });
    }
  });

  it('a destination with access keys is shown without them', async () => {
    const c = await h.sql();
    await c.query(
      "ALTER SYSTEM SET DATA_BACKUP_DEST = 'oss://bucket/backup?host=oss.example.com&access_id=AKID&access_key=SECRETKEY' TENANT = mysql_tenant",
    );
    const a = await h.login('root', 'sys');
    const res = await a.get('/api/tenants');
    expect(res.text).not.toContain('SECRETKEY');
    expect(res.body.tenants[0].dataBackupDest).toEqual({ set: true, path: 'oss://bucket/backup' });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '@obconsole/contracts';
import type supertest from 'supertest';
import { C, advance, runToEnd, startHarness, type Harness } from '../../testing/harness.js';

async function tenant(a: supertest.Agent, name: string): Promise<Tenant> {
  const res = await a.get(`${C}/tenants`).expect(200);
  const t = (res.body as { tenants: Tenant[] }).tenants.find((x) => x.name === name);
  if (!t) throw new Error(`no tenant ${name}`);
  return t;
}

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
    const res = await a.get(`${C}/tenants`);
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
    const res = await a.get(`${C}/tenants`);
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
      const res = await a.get(`${C}/tenants`);
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
    const res = await a.get(`${C}/tenants`);
    expect(res.text).not.toContain('SECRETKEY');
    expect(res.body.tenants[0].dataBackupDest).toEqual({ set: true, path: 'oss://bucket/backup' });
  });

  it('a tenant never backed up has no last successful backup of either type', async () => {
    const a = await h.login('root', 'sys');
    const t = await tenant(a, 'mysql_tenant');
    expect(t.lastSuccessfulFull).toBeNull();
    expect(t.lastSuccessfulIncremental).toBeNull();
  });

  it('a failed full backup after a good one does not hide the good one, whose set id and size are given', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    await runToEnd(h, a);
    const good = await tenant(a, 'mysql_tenant');
    expect(good.latestFull?.status).toBe('COMPLETED');
    expect(good.lastSuccessfulFull).toMatchObject({
      jobId: good.latestFull!.jobId,
      backupSetId: good.latestFull!.backupSetId,
      status: 'COMPLETED',
    });
    expect(good.lastSuccessfulFull!.backupSetId).toBeGreaterThan(0);
    expect(good.lastSuccessfulFull!.outputBytes).toBeGreaterThan(0);

    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    expect(h.sim.control.failNextTask('mysql_tenant', -4016, 'injected').applied).toBe('current');
    await runToEnd(h, a);
    const after = await tenant(a, 'mysql_tenant');
    expect(after.latestFull?.status).toBe('FAILED');
    expect(after.lastSuccessfulFull).toEqual(good.lastSuccessfulFull);
  });

  it('an Oracle tenant admin reads its last successful backup through SYS views', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['oracle_tenant'] })
      .expect(202);
    await runToEnd(h, a);
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['oracle_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    expect(h.sim.control.failNextTask('oracle_tenant', -4016, 'injected').applied).toBe('current');
    await runToEnd(h, a);
    const t = await tenant(a, 'oracle_tenant');
    expect(t.latestFull?.status).toBe('FAILED');
    expect(t.lastSuccessfulFull?.status).toBe('COMPLETED');
    expect(t.lastSuccessfulFull!.jobId).toBeLessThan(t.latestFull!.jobId);
  });
});

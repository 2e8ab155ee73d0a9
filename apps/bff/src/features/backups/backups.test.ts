import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import {
  C,
  advance,
  findSecretLeaks,
  passwdHash,
  startHarness,
  type Harness,
} from '../../testing/harness.js';

const SECRET = `p@ss'wo"rd\\with-ünïcode-密码-🔐`;

function mutatingStatements(h: Harness): number {
  return h.sim.control.stats().statements.mutating;
}

/** Runs the job engine until nothing is active any more. */
async function finishAll(h: Harness): Promise<void> {
  const c = await h.sql();
  for (let i = 0; i < 100; i++) {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOBS',
    );
    if (Number(rows[0]!.N) === 0) return;
    advance(h.sim, 30);
  }
  throw new Error('jobs did not finish');
}

describe('starting, watching and cancelling backups', () => {
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

  it('a preview shows the exact SQL and per-tenant checks and sends nothing with a side effect', async () => {
    const a = await h.login('root', 'sys');
    const before = mutatingStatements(h);
    const res = await a.post(`${C}/backups/preview`).send({
      type: 'full',
      tenants: ['mysql_tenant'],
      encrypted: true,
      plusArchivelog: true,
      description: "nightly 'full'",
    });
    expect(res.status).toBe(200);
    expect(res.body.canStart).toBe(true);
    expect(res.body.statements).toEqual([
      "SET ENCRYPTION ON IDENTIFIED BY '******' ONLY",
      "ALTER SYSTEM BACKUP TENANT = `mysql_tenant` PLUS ARCHIVELOG DESCRIPTION = 'nightly ''full'''",
    ]);
    expect(res.body.tenants[0]).toMatchObject({
      tenantName: 'mysql_tenant',
      action: 'backup',
      destination: 'file:///data/backup/mysql_tenant/data',
    });
    expect(mutatingStatements(h)).toBe(before);
  });

  it('an incremental backup with no full backup is refused with NO_FULL_BACKUP before any ALTER runs', async () => {
    const a = await h.login('root', 'sys');
    const preview = await a
      .post(`${C}/backups/preview`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] });
    expect(preview.body.canStart).toBe(false);
    expect(preview.body.blocking[0]).toMatchObject({
      code: 'NO_FULL_BACKUP',
      tenantName: 'mysql_tenant',
    });
    const before = mutatingStatements(h);
    const start = await a
      .post(`${C}/backups`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] });
    expect(start.status).toBe(422);
    expect(start.body.error.code).toBe('NO_FULL_BACKUP');
    expect(mutatingStatements(h)).toBe(before);
  });

  it('when the archive log is not DOING, a full backup is refused with LOG_ARCHIVE_NOT_DOING', async () => {
    h.sim.control.setArchive('mysql_tenant', 'stop');
    const a = await h.login('root', 'sys');
    const res = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LOG_ARCHIVE_NOT_DOING');
    // The web says it in the user's language from the code and these params.
    expect(res.body.error.params).toMatchObject({
      tenant: 'mysql_tenant',
      status: 'STOPPING',
      sql: 'ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant',
    });
  });

  it('every precondition check carries its code and the params its sentence names', async () => {
    const a = await h.login('root', 'sys');
    const res = await a
      .post(`${C}/backups/preview`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] });
    const checks = res.body.tenants[0].checks as { code: string; ok: boolean; params?: object }[];
    expect(checks.map((c) => c.code)).toEqual([
      'TENANT_NOT_FOUND',
      'NOT_A_USER_TENANT',
      'TENANT_NOT_NORMAL',
      'LOG_ARCHIVE_NOT_DOING',
      'BACKUP_DEST_NOT_SET',
      'BACKUP_IN_PROGRESS',
      'NO_FULL_BACKUP',
    ]);
    for (const c of checks) expect(c.params).toMatchObject({ tenant: 'mysql_tenant' });
    expect(checks.find((c) => c.code === 'BACKUP_DEST_NOT_SET')!.params).toHaveProperty('path');
    expect(checks.find((c) => c.code === 'NO_FULL_BACKUP')).toMatchObject({ ok: false });
  });

  it('"all tenants" with every tenant ineligible is refused with NO_ELIGIBLE_TENANT, each reason listed', async () => {
    h.sim.control.setArchive('mysql_tenant', 'stop');
    h.sim.control.setArchive('oracle_tenant', 'stop');
    const a = await h.login('root', 'sys');
    const before = mutatingStatements(h);
    const preview = await a.post(`${C}/backups/preview`).send({ type: 'full', tenants: 'all' });
    expect(preview.body.canStart).toBe(false);
    expect(preview.body.blocking).toEqual([
      expect.objectContaining({ code: 'NO_ELIGIBLE_TENANT' }),
    ]);
    expect(
      preview.body.tenants.map((t: { action: string; reason?: { code: string } }) => [
        t.action,
        t.reason?.code,
      ]),
    ).toEqual([
      ['skip', 'LOG_ARCHIVE_NOT_DOING'],
      ['skip', 'LOG_ARCHIVE_NOT_DOING'],
    ]);
    const res = await a.post(`${C}/backups`).send({ type: 'full', tenants: 'all' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NO_ELIGIBLE_TENANT');
    expect(mutatingStatements(h)).toBe(before);
  });

  it('"all tenants" lists the tenants OceanBase would skip silently, and why', async () => {
    h.sim.control.setArchive('oracle_tenant', 'stop');
    const a = await h.login('root', 'sys');
    const res = await a.post(`${C}/backups/preview`).send({ type: 'full', tenants: 'all' });
    expect(res.body.canStart).toBe(true);
    expect(res.body.statements).toEqual(['ALTER SYSTEM BACKUP DATABASE']);
    const byName = Object.fromEntries(
      res.body.tenants.map((t: { tenantName: string }) => [t.tenantName, t]),
    );
    expect(byName.mysql_tenant.action).toBe('backup');
    expect(byName.oracle_tenant).toMatchObject({
      action: 'skip',
      reason: { code: 'LOG_ARCHIVE_NOT_DOING' },
    });
    const start = await a.post(`${C}/backups`).send({ type: 'full', tenants: 'all' });
    expect(start.status).toBe(202);
    expect(start.body.skipped).toEqual([
      expect.objectContaining({ tenantName: 'oracle_tenant', code: 'LOG_ARCHIVE_NOT_DOING' }),
    ]);
    expect(start.body.jobs.map((j: { tenantName: string }) => j.tenantName).sort()).toEqual([
      'mysql_tenant',
      'sys',
    ]);
  });

  it('unknown, sys and non-NORMAL tenants each get their own code', async () => {
    const a = await h.login('root', 'sys');
    const unknown = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['no_such_tenant'] });
    expect(unknown.body.error.code).toBe('TENANT_NOT_FOUND');
    const sys = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['sys'] });
    expect(sys.body.error.code).toBe('NOT_A_USER_TENANT');
    h.sim.control.setTenantStatus('mysql_tenant', 'RESTORE');
    const notNormal = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(notNormal.body.error.code).toBe('TENANT_NOT_NORMAL');
  });

  it('with no data backup destination the backup is refused with BACKUP_DEST_NOT_SET', async () => {
    const c = await h.sql();
    await c.query("ALTER SYSTEM SET DATA_BACKUP_DEST = '' TENANT = mysql_tenant");
    const a = await h.login('root', 'sys');
    const res = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(res.body.error.code).toBe('BACKUP_DEST_NOT_SET');
  });

  it('an encrypted full backup runs on its own connection; the next backup of the same session is not encrypted', async () => {
    const a = await h.login('root', 'sys');
    const first = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'], encryptionPassword: SECRET });
    expect(first.status).toBe(202);
    expect(first.body.jobs).toEqual([
      expect.objectContaining({ tenantId: 1, tenantName: 'sys', level: 'CLUSTER' }),
      expect.objectContaining({ tenantId: 1002, tenantName: 'mysql_tenant', level: 'USER_TENANT' }),
    ]);
    const c = await h.sql();
    const [jobs] = await c.query<RowDataPacket[]>(
      'SELECT ENCRYPTION_MODE, PASSWD FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(jobs[0]).toMatchObject({ ENCRYPTION_MODE: 'PASSWORD', PASSWD: passwdHash(SECRET) });
    await finishAll(h);

    const second = await a
      .post(`${C}/backups`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] });
    expect(second.status).toBe(202);
    const [inc] = await c.query<RowDataPacket[]>(
      'SELECT BACKUP_TYPE, ENCRYPTION_MODE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(inc[0]).toMatchObject({ BACKUP_TYPE: 'INC', ENCRYPTION_MODE: 'NONE' });

    // The password reached the database exactly, and nothing else saw it.
    const detail = await a.get(`${C}/backups/history/1002/${first.body.jobs[1].jobId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.job.encryptionMode).toBe('PASSWORD');
    expect(JSON.stringify(detail.body)).not.toMatch(/PASSWD|passwd/);
    h.bodies.push(detail.text, first.text, second.text);
    expect(findSecretLeaks(h, [SECRET, 'wo"rd'])).toEqual([]);
  });

  it('a second backup while one runs is refused with BACKUP_IN_PROGRESS', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    const again = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BACKUP_IN_PROGRESS');
  });

  it('the same Idempotency-Key never starts a second backup, even when sent twice at once', async () => {
    const a = await h.login('root', 'sys');
    const key = 'a1b2c3d4-0000-4000-8000-000000000001';
    const body = { type: 'full', tenants: ['mysql_tenant'] };
    const [r1, r2] = await Promise.all([
      a.post(`${C}/backups`).set('Idempotency-Key', key).send(body),
      a.post(`${C}/backups`).set('Idempotency-Key', key).send(body),
    ]);
    expect(r1.status).toBe(202);
    expect(r2.status).toBe(202);
    expect(r2.body).toEqual(r1.body);
    const c = await h.sql();
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(Number(rows[0]!.N)).toBe(1);
    const conflict = await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', key)
      .send({ type: 'full', tenants: 'all' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('the read-only account gets 403 FORBIDDEN on preview, start and cancel, and no SQL is sent for them', async () => {
    const a = await h.login('support', 'sys');
    const before = h.sim.control.stats().statements.byAccount['support@sys'] ?? 0;
    for (const [path, body] of [
      [`${C}/backups/preview`, { type: 'full', tenants: 'all' }],
      [`${C}/backups`, { type: 'full', tenants: 'all' }],
      [`${C}/backups/cancel`, { tenants: 'all' }],
    ] as const) {
      const res = await a.post(path).send(body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(h.sim.control.stats().statements.byAccount['support@sys'] ?? 0).toBe(before);
  });

  it('a MySQL tenant admin backs up its own tenant with BACKUP DATABASE and cannot name another tenant', async () => {
    const a = await h.login('root', 'mysql_tenant');
    const preview = await a.post(`${C}/backups/preview`).send({ type: 'full', tenants: 'all' });
    expect(preview.body.statements).toEqual(['ALTER SYSTEM BACKUP DATABASE']);
    const res = await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'], plusArchivelog: true });
    expect(res.status).toBe(202);
    expect(res.body.jobs).toEqual([
      expect.objectContaining({ tenantId: 1002, level: 'USER_TENANT' }),
    ]);
    const other = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['oracle_tenant'] });
    expect(other.status).toBe(403);
  });

  it('the Oracle tenant admin backs up with Oracle string literals', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    const preview = await a
      .post(`${C}/backups/preview`)
      .send({ type: 'full', tenants: 'all', description: "it's \\ fine" });
    expect(preview.body.statements).toEqual([
      "ALTER SYSTEM BACKUP DATABASE DESCRIPTION = 'it''s \\ fine'",
    ]);
    const res = await a.post(`${C}/backups`).send({
      type: 'full',
      tenants: 'all',
      description: "it's \\ fine",
      encryptionPassword: "o'ra\\cle",
    });
    expect(res.status).toBe(202);
    const c = await h.sql();
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT DESCRIPTION, ENCRYPTION_MODE, PASSWD FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1004',
    );
    expect(rows[0]).toMatchObject({
      DESCRIPTION: "it's \\ fine",
      ENCRYPTION_MODE: 'PASSWORD',
      PASSWD: passwdHash("o'ra\\cle"),
    });
  });

  it('progress shows phase, blocks, tablets, bytes, rate and ETA as the job runs, and 100 only when COMPLETED', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    let seen = { percent: 0, blocks: 0, rate: 0, eta: false };
    for (let i = 0; i < 60; i++) {
      advance(h.sim, 2, 2);
      const res = await a.get(`${C}/backups/active`);
      const job = res.body.jobs.find((j: { tenantId: number }) => j.tenantId === 1002);
      if (!job) break;
      expect(job.progress.percent).toBeLessThan(100);
      seen = {
        percent: Math.max(seen.percent, job.progress.percent),
        blocks: Math.max(seen.blocks, job.progress.macroBlocks.total),
        rate: Math.max(seen.rate, job.progress.rateBytesPerSec),
        eta: seen.eta || job.progress.etaSeconds !== null,
      };
    }
    expect(seen.percent).toBeGreaterThan(5);
    expect(seen.blocks).toBeGreaterThan(0);
    expect(seen.rate).toBeGreaterThan(0);
    expect(seen.eta).toBe(true);
  });

  it('cancel turns a running backup into CANCELED in history', async () => {
    const a = await h.login('root', 'sys');
    const started = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    const jobId = started.body.jobs.find((j: { tenantId: number }) => j.tenantId === 1002).jobId;
    const res = await a.post(`${C}/backups/cancel`).send({ tenants: ['mysql_tenant'] });
    expect(res.status).toBe(202);
    expect(res.body.canceling).toEqual([{ tenantId: 1002, tenantName: 'mysql_tenant', jobId }]);
    await finishAll(h);
    const detail = await a.get(`${C}/backups/history/1002/${jobId}`);
    expect(detail.body.job).toMatchObject({ status: 'CANCELED', result: -4072 });
  });

  it('cancelling when nothing runs succeeds with an empty list, as OceanBase does', async () => {
    const a = await h.login('root', 'sys');
    const res = await a.post(`${C}/backups/cancel`).send({ tenants: 'all' });
    expect(res.status).toBe(202);
    expect(res.body.canceling).toEqual([]);
  });

  it('injection attempts in tenant names never reach the database', async () => {
    const a = await h.login('root', 'sys');
    const before = mutatingStatements(h);
    for (const name of ['mysql_tenant`; DROP TABLE x; --', "x' OR '1'='1", 'a b', '', 'é']) {
      const res = await a.post(`${C}/backups`).send({ type: 'full', tenants: [name] });
      expect(res.status, name).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(mutatingStatements(h)).toBe(before);
  });

  it('live progress is pushed over Server-Sent Events from one poller per account, however many watch', async () => {
    const a = await h.login('root', 'sys');
    const b = await h.login('root', 'sys');
    const streams = Array.from({ length: 6 }, (_, i) => h.events(i % 2 ? b : a));
    await expect.poll(() => streams.every((st) => st.text().includes('event: active'))).toBe(true);
    expect(h.cluster().hub.size).toBe(1);
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    await expect
      .poll(() => streams.every((st) => st.text().includes('"tenantName":"mysql_tenant"')), {
        timeout: 5000,
      })
      .toBe(true);
    for (const st of streams) st.close();
    await expect.poll(() => h.cluster().hub.size).toBe(0);
  });
});

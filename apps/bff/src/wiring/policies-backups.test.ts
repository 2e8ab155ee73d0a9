import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { C, findSecretLeaks, passwdHash, startHarness, type Harness } from '../testing/harness.js';
import { finishAllJobs } from '../testing/jobs.js';
import { serviceBackupPort } from './policies-backups.js';

const SECRET = `pol'i"cy-密码`;

describe('the policies’ backup port under the service account', () => {
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

  const port = () => {
    const c = h.cluster();
    return serviceBackupPort(() => c.serviceContext(), c.backups, c.id);
  };

  it('judges each user tenant with the manual start’s checks: running, refused, no full yet', async () => {
    h.sim.control.setArchive('oracle_tenant', 'stop');
    const before = await port().readiness('all');
    expect(before).toEqual([
      expect.objectContaining({
        tenant: 'mysql_tenant',
        tenantId: 1002,
        runningJobId: null,
        refusal: null,
        hasFull: false,
      }),
      expect.objectContaining({
        tenant: 'oracle_tenant',
        tenantId: 1004,
        refusal: expect.objectContaining({ code: 'LOG_ARCHIVE_NOT_DOING' }),
      }),
    ]);
    const jobs = await port().start(['mysql_tenant'], 'full', {
      plusArchivelog: false,
      description: 'policy:nightly weekly set',
      encryptionPassword: null,
    });
    expect(jobs).toEqual([{ tenant: 'mysql_tenant', tenantId: 1002, jobId: expect.any(Number) }]);
    const [running] = await port().readiness(['mysql_tenant']);
    expect(running!.runningJobId).toBe(jobs[0]!.jobId);
    await finishAllJobs(h);
    const [done] = await port().readiness(['mysql_tenant']);
    expect(done).toMatchObject({ runningJobId: null, refusal: null, hasFull: true });
  });

  it('an encrypted policy sends SET ENCRYPTION on the backup’s own connection; a manual backup after it is NONE', async () => {
    const jobs = await port().start(['mysql_tenant'], 'full', {
      plusArchivelog: true,
      description: 'policy:nightly',
      encryptionPassword: SECRET,
    });
    const c = await h.sql();
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT JOB_ID, DESCRIPTION, ENCRYPTION_MODE, PASSWD, PLUS_ARCHIVELOG FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(rows[0]).toMatchObject({
      JOB_ID: String(jobs[0]!.jobId),
      DESCRIPTION: 'policy:nightly',
      ENCRYPTION_MODE: 'PASSWORD',
      PASSWD: passwdHash(SECRET),
      PLUS_ARCHIVELOG: 'ON',
    });
    const log = h.sim.control.statements(50);
    const set = log.find((s) => s.text.startsWith('SET ENCRYPTION'));
    const backup = log.find((s) => s.text.startsWith('ALTER SYSTEM BACKUP'));
    expect(set && backup && set.connectionId === backup.connectionId).toBe(true);
    await finishAllJobs(h);

    // The service account's next (unencrypted) start and a person's both run unencrypted.
    await port().start(['mysql_tenant'], 'incremental', {
      plusArchivelog: false,
      description: 'policy:nightly',
      encryptionPassword: null,
    });
    await finishAllJobs(h);
    const a = await h.login('root', 'sys');
    expect(
      (await a.post(`${C}/backups`).send({ type: 'incremental', tenants: ['mysql_tenant'] }))
        .status,
    ).toBe(202);
    const [after] = await c.query<RowDataPacket[]>(
      'SELECT ENCRYPTION_MODE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(after[0]).toMatchObject({ ENCRYPTION_MODE: 'NONE' });
    const [history] = await c.query<RowDataPacket[]>(
      'SELECT ENCRYPTION_MODE FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002 ORDER BY JOB_ID',
    );
    expect(history.map((r) => r.ENCRYPTION_MODE)).toEqual(['PASSWORD', 'NONE']);
    expect(findSecretLeaks(h, [SECRET])).toEqual([]);
  });

  it('a start that a precondition now refuses fails with the check’s code', async () => {
    h.sim.control.setArchive('mysql_tenant', 'stop');
    await expect(
      port().start(['mysql_tenant'], 'full', {
        plusArchivelog: false,
        description: 'policy:nightly',
        encryptionPassword: null,
      }),
    ).rejects.toMatchObject({ code: 'LOG_ARCHIVE_NOT_DOING' });
  });
});

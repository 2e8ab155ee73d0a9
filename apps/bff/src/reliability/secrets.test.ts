import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import type { ActiveJobsResponse, HistoryDetail, HistoryPage } from '@obconsole/contracts';
import {
  C,
  advance,
  findSecretLeaks,
  passwdHash,
  startHarness,
  type Harness,
} from '../testing/harness.js';

/**
 * Passwords and descriptions full of quotes, backslashes and non-ASCII reach OceanBase exactly
 * as typed, in both modes, and the passwords reach nothing else: no log line (the BFF logs every
 * statement at debug here), no response body, no error.
 */
const MYSQL_PASSWORD = `it's a "quoted" \\ back\\\\slash '' 密码 🔐 %s $1 \\' end`;
const ORACLE_PASSWORD = `a\\' b'' c\\ "d" — ünï 🔐`;
const MYSQL_DESCRIPTION = `O'Reilly "quoted" \\ back\\'slash — ünïcode 🔐; DROP TABLE x; --`;
const ORACLE_DESCRIPTION = `it''s \\' Oracle's "turn" — 测试`;
/** Pieces of the passwords long enough to be unmistakable if they leaked. */
const LEAK_PROBES = [
  MYSQL_PASSWORD,
  ORACLE_PASSWORD,
  '密码 🔐 %s',
  ' b\'\' c\\ "d"',
  'c\\ "d" — ünï',
];

describe('secrets and exact text', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function jobRow(tenantId: number): Promise<RowDataPacket | undefined> {
    const c = await h.sql();
    const [rows] = await c.query<RowDataPacket[]>(
      `SELECT JOB_ID, PASSWD, DESCRIPTION, ENCRYPTION_MODE, BACKUP_TYPE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = ${tenantId}`,
    );
    return rows[0];
  }

  it('MySQL mode: the password and description arrive exactly; PASSWORD, then NONE on the same session', async () => {
    const a = await h.login('root', 'sys');
    const started = await a.post(`${C}/backups`).send({
      type: 'full',
      tenants: ['mysql_tenant'],
      encryptionPassword: MYSQL_PASSWORD,
      description: MYSQL_DESCRIPTION,
    });
    expect(started.status, started.text).toBe(202);
    expect(await jobRow(1002)).toMatchObject({
      PASSWD: passwdHash(MYSQL_PASSWORD),
      DESCRIPTION: MYSQL_DESCRIPTION,
      ENCRYPTION_MODE: 'PASSWORD',
      BACKUP_TYPE: 'FULL',
    });
    const active = (await a.get(`${C}/backups/active`).expect(200)).body as ActiveJobsResponse;
    expect(active.jobs.find((j) => j.tenantName === 'mysql_tenant')).toMatchObject({
      description: MYSQL_DESCRIPTION,
      encryptionMode: 'PASSWORD',
    });

    advance(h.sim, 120);
    const next = await a
      .post(`${C}/backups`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] });
    expect(next.status, next.text).toBe(202);
    expect(await jobRow(1002)).toMatchObject({
      PASSWD: '',
      ENCRYPTION_MODE: 'NONE',
      BACKUP_TYPE: 'INC',
    });
    advance(h.sim, 120);

    const page = (await a.get(`${C}/backups/history?tenant=mysql_tenant&order=asc`).expect(200))
      .body as HistoryPage;
    expect(page.items.map((i) => [i.type, i.encryptionMode, i.description])).toEqual([
      ['full', 'PASSWORD', MYSQL_DESCRIPTION],
      ['incremental', 'NONE', ''],
    ]);
    const first = page.items[0]!;
    const detail = (
      await a.get(`${C}/backups/history/${first.tenantId}/${first.jobId}`).expect(200)
    ).body as HistoryDetail;
    expect(detail.job.description).toBe(MYSQL_DESCRIPTION);
    expect(detail.backupSet?.encryptionMode).toBe('PASSWORD');
    const csv = await a.get(`${C}/backups/history.csv?tenant=mysql_tenant`).expect(200);
    expect(csv.text).toContain(`"${MYSQL_DESCRIPTION.replace(/"/g, '""')}"`);
  });

  it('Oracle mode: a backslash is an ordinary character and quotes are doubled, exactly once', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    const started = await a.post(`${C}/backups`).send({
      type: 'full',
      tenants: ['oracle_tenant'],
      encryptionPassword: ORACLE_PASSWORD,
      description: ORACLE_DESCRIPTION,
    });
    expect(started.status, started.text).toBe(202);
    expect(await jobRow(1004)).toMatchObject({
      PASSWD: passwdHash(ORACLE_PASSWORD),
      DESCRIPTION: ORACLE_DESCRIPTION,
    });
    // Progress is timed on the database's clock in Oracle mode too: the simulator's clock is
    // manual here, so elapsed time moves by exactly what it was advanced, whatever this host's clock says.
    const elapsed = async () => {
      const res = await a.get(`${C}/backups/active`).expect(200);
      const job = (res.body as ActiveJobsResponse).jobs[0];
      expect(job?.description).toBe(ORACLE_DESCRIPTION);
      return job?.progress.elapsedSeconds ?? NaN;
    };
    advance(h.sim, 20);
    const before = await elapsed();
    advance(h.sim, 10);
    expect((await elapsed()) - before).toBe(10);
    expect(
      h.logs.filter((l) => l.includes('"sqlName":"db-now"') && l.includes('sql failed')),
    ).toEqual([]);
    const preview = await a
      .post(`${C}/backups/preview`)
      .send({ type: 'full', tenants: ['oracle_tenant'], encrypted: true });
    expect(preview.status).toBe(200);
    expect(preview.body.statements.join('\n')).toContain("IDENTIFIED BY '******'");
  });

  it('a refused login with an unusual password leaves no trace of it', async () => {
    const res = await h
      .agent()
      .post(`${C}/session`)
      .send({ tenant: 'sys', user: 'root', password: MYSQL_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_FAILED');
  });

  it('no password appears in any log line or body; the statements were logged, masked', () => {
    expect(
      h.logs.some((l) => l.includes('SET ENCRYPTION ON IDENTIFIED BY') && l.includes("'******'")),
    ).toBe(true);
    expect(h.bodies.length).toBeGreaterThan(5);
    expect(findSecretLeaks(h, LEAK_PROBES)).toEqual([]);
  });
});

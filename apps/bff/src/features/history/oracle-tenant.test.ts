import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import type { ActiveJobsResponse, HistoryDetail, HistoryItem } from '@obconsole/contracts';
import { toAppError } from '../../lib/db.js';
import { C, advance, asText, startHarness, type Harness } from '../../testing/harness.js';

/** An Oracle view's 'YYYY-MM-DD HH24:MI:SS' text (fixed +08:00) in ms since the epoch. */
function plus8(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}+08:00`);
}

describe('an Oracle-mode tenant end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.sim.control.reset();
  });

  it('progress, history, detail and CSV read whole-second +08:00 times and NULLs right', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    const startUs = h.sim.control.clock().nowUs;
    const started = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['oracle_tenant'] });
    expect(started.status, started.text).toBe(202);

    advance(h.sim, 20);
    const active = (await a.get(`${C}/backups/active`).expect(200)).body as ActiveJobsResponse;
    const job = active.jobs.find((j) => j.tenantName === 'oracle_tenant');
    // The view's start is truncated to the second; elapsed is measured on the database's clock.
    expect(Date.parse(job!.startTime)).toBe(Math.floor(startUs / 1e6) * 1000);
    const direct = await h.sql('SYS', 'oracle_tenant');
    const [tasks] = await direct.query<RowDataPacket[]>(
      'SELECT START_TIMESTAMP FROM SYS.DBA_OB_BACKUP_TASKS',
    );
    const taskStartMs = plus8(String(tasks[0]!.START_TIMESTAMP));
    const nowMs = h.sim.control.clock().nowUs / 1000;
    // Elapsed runs from the task's start (whole seconds in the view) to the database's clock.
    expect(Math.abs(job!.progress.elapsedSeconds - (nowMs - taskStartMs) / 1000)).toBeLessThan(1);
    expect(job!.progress.elapsedSeconds).toBeGreaterThan(10);

    advance(h.sim, 120);
    const page = (await a.get(`${C}/backups/history?limit=5`).expect(200)).body as {
      items: HistoryItem[];
    };
    const item = page.items[0]!;
    const [rows] = await direct.query<RowDataPacket[]>(
      `SELECT START_TIMESTAMP, END_TIMESTAMP, DESCRIPTION, "COMMENT" FROM SYS.DBA_OB_BACKUP_JOB_HISTORY WHERE JOB_ID = ${item.jobId}`,
    );
    const raw = rows[0]!;
    expect(raw.DESCRIPTION).toBeNull();
    expect(raw.COMMENT).toBeNull();
    expect(item).toMatchObject({ status: 'COMPLETED', description: '', comment: '', result: 0 });
    expect(Date.parse(item.startTime)).toBe(plus8(String(raw.START_TIMESTAMP)));
    expect(Date.parse(item.endTime!)).toBe(plus8(String(raw.END_TIMESTAMP)));
    expect(item.elapsedSeconds).toBe(
      (plus8(String(raw.END_TIMESTAMP)) - plus8(String(raw.START_TIMESTAMP))) / 1000,
    );

    // Filters are compared with the view's own text: a day filter in UTC still finds the job.
    const day = new Date(Date.parse(item.startTime)).toISOString().slice(0, 10);
    const filtered = await a.get(`${C}/backups/history?from=${day}&to=${day}`).expect(200);
    expect(filtered.body.items.map((i: HistoryItem) => i.jobId)).toContain(item.jobId);
    const exact = await a
      .get(`${C}/backups/history?from=${encodeURIComponent(item.startTime)}`)
      .expect(200);
    expect(exact.body.items.map((i: HistoryItem) => i.jobId)).toContain(item.jobId);

    const detail = (await a.get(`${C}/backups/history/1004/${item.jobId}`).expect(200))
      .body as HistoryDetail;
    expect(detail.job.startTime).toBe(item.startTime);
    expect(detail.tasks[0]?.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.0+)?Z$/);
    expect(Date.parse(detail.backupSet!.endTime!)).toBeGreaterThan(
      Date.parse(detail.backupSet!.startTime),
    );

    const csv = await asText(a.get(`${C}/backups/history.csv`));
    expect(csv.status).toBe(200);
    const line = (csv.body as string)
      .split('\n')
      .find((l) => l.startsWith(`1004,oracle_tenant,${item.jobId},`));
    expect(line).toContain(`,${item.startTime},${item.endTime},${item.elapsedSeconds},`);
  });

  it('keyset paging over whole-second times visits every job once', async () => {
    h.sim.control.seedHistory(120, 5);
    const a = await h.login('SYS', 'oracle_tenant');
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: { body: { items: HistoryItem[]; nextCursor: string | null } } = await a
        .get(`${C}/backups/history?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .expect(200);
      seen.push(...res.body.items.map((x: HistoryItem) => x.jobId));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    const direct = await h.sql('SYS', 'oracle_tenant');
    const [count] = await direct.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS N FROM SYS.DBA_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT'",
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Number(count[0]!.N));
  });

  it("OceanBase's ORA-00600 -9036 keeps its meaning: a backup is already running", async () => {
    const direct = await h.sql('SYS', 'oracle_tenant');
    await direct.query('ALTER SYSTEM BACKUP DATABASE');
    const refused = await direct.query('ALTER SYSTEM BACKUP DATABASE').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      errno: 600,
      sqlMessage: 'ORA-00600: internal error code, arguments: -9036, Backup is in progress',
    });
    const err = toAppError(refused);
    expect(err.code).toBe('BACKUP_IN_PROGRESS');
    expect(err.message).toMatch(/already running/);
    expect(err.details).toMatchObject({ errno: 600, obCode: -9036 });

    // The console's own check refuses first, and says which job runs and who started it.
    const a = await h.login('SYS', 'oracle_tenant');
    const res = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['oracle_tenant'] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('BACKUP_IN_PROGRESS');
    expect(res.body.error.message).toMatch(
      /Backup job 1, started by the tenant itself, is already/,
    );
  });

  it('a MySQL-mode 9036 has the same meaning; other refusals keep OCEANBASE_ERROR with the inner code', async () => {
    const direct = await h.sql('root', 'mysql_tenant');
    await direct.query('ALTER SYSTEM BACKUP DATABASE');
    const refused = await direct.query('ALTER SYSTEM BACKUP DATABASE').catch((e: unknown) => e);
    expect(toAppError(refused)).toMatchObject({
      code: 'BACKUP_IN_PROGRESS',
      details: { errno: 9036, obCode: -9036 },
    });
    const oracle = await h.sql('SYS', 'oracle_tenant');
    const archive = await oracle.query('ALTER SYSTEM ARCHIVELOG').catch((e: unknown) => e);
    expect(toAppError(archive)).toMatchObject({
      code: 'OCEANBASE_ERROR',
      details: { errno: 600, obCode: -9091 },
    });
  });
});

describe('"already running" follows OceanBase: one job per tenant and initiator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("sys may back up a tenant running its own job, not one running sys's job; the refusal names it", async () => {
    const tenant = await h.login('root', 'mysql_tenant');
    await tenant
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    const sys = await h.login('root', 'sys');
    const preview = await sys
      .post(`${C}/backups/preview`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(200);
    expect(preview.body.tenants[0].action).toBe('backup');
    const started = await sys
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(started.status, started.text).toBe(202);
    const again = await sys.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BACKUP_IN_PROGRESS');
    expect(again.body.error.message).toMatch(/started by the sys tenant/);
    const own = await tenant.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(own.status).toBe(409);
    expect(own.body.error.message).toMatch(/Backup job 1, started by the tenant itself/);
  });
});

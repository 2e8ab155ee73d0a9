import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '@obconsole/contracts';
import type supertest from 'supertest';
import { C, advance, runToEnd, startHarness, type Harness } from '../../testing/harness.js';
import { statementsOf } from '../../testing/statements.js';

const HISTORY_VIEWS = /OB_BACKUP_(JOB_HISTORY|TASK_HISTORY|SET_FILES)/i;

/**
 * Whether a statement on a history view reads a bounded number of rows however long the history
 * is: no aggregate, and either every branch keyed by an id, or a walk down/up the (tenant, job id)
 * key with a LIMIT.
 */
function isBoundedHistoryRead(sql: string): boolean {
  if (/\b(COUNT|MAX|MIN|SUM)\s*\(|GROUP\s+BY/i.test(sql)) return false;
  const where = /\bWHERE\b([\s\S]*?)(\bORDER BY\b|$)/i.exec(sql)?.[1] ?? '';
  const keyed = where
    .split(/\bOR\b/i)
    .every((branch) => /\b(JOB_ID|BACKUP_SET_ID)\s*(=\s*\d+|IN\s*\()/i.test(branch));
  if (keyed && where.trim() !== '') return true;
  // Several tenants' catch-up in one statement: every branch a seek up from a mark in the
  // (tenant, job id) key, all of them bounded by one LIMIT.
  if (
    /\bWHERE JOB_LEVEL = '[A-Z_]+' AND \((\(TENANT_ID = \d+ AND JOB_ID > \d+\)( OR |\)))+ ORDER BY TENANT_ID, JOB_ID (LIMIT \d+|FETCH FIRST \d+ ROWS ONLY)\s*$/i.test(
      sql.trim(),
    )
  )
    return true;
  return (
    /\bTENANT_ID\s*=\s*\d+/i.test(where) &&
    /ORDER BY JOB_ID( DESC| ASC)? (LIMIT \d+|FETCH FIRST \d+ ROWS ONLY)\s*$/i.test(sql.trim())
  );
}

async function tenantsOf(a: supertest.Agent): Promise<Tenant[]> {
  return ((await a.get(`${C}/tenants`).expect(200)).body as { tenants: Tenant[] }).tenants;
}

describe('the landing page at the size of a long history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { seedHistory: 3000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GET /tenants and /backups/active send no statement whose cost grows with the history, first call or later', async () => {
    const a = await h.login('root', 'sys');
    for (let call = 0; call < 3; call++) {
      const sent = await statementsOf(h, 'root@sys', async () => {
        await a.get(`${C}/tenants`).expect(200);
        await a.get(`${C}/backups/active`).expect(200);
      });
      const history = sent.filter((s) => HISTORY_VIEWS.test(s));
      expect(history.length).toBeGreaterThan(0);
      expect(history.filter((s) => !isBoundedHistoryRead(s))).toEqual([]);
    }
  });

  it('the statement check refuses the aggregates and end-time sorts the landing page used to send', () => {
    for (const old of [
      "SELECT TENANT_ID, BACKUP_TYPE, MAX(JOB_ID) AS JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' GROUP BY TENANT_ID, BACKUP_TYPE",
      "SELECT TENANT_ID, PATH, COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE BACKUP_TYPE = 'FULL' GROUP BY TENANT_ID, PATH",
      "SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' AND END_TIMESTAMP >= '2026-01-01' ORDER BY END_TIMESTAMP DESC LIMIT 20",
      "SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' ORDER BY JOB_ID DESC LIMIT 50",
      // The catch-up of several tenants without its bound, or with a branch that is no seek.
      "SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' AND ((TENANT_ID = 1002 AND JOB_ID > 10) OR (TENANT_ID = 1004 AND JOB_ID > 3)) ORDER BY TENANT_ID, JOB_ID",
      "SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' AND ((TENANT_ID = 1002 AND JOB_ID > 10) OR (TENANT_ID = 1004)) ORDER BY TENANT_ID, JOB_ID LIMIT 200",
    ])
      expect(isBoundedHistoryRead(old)).toBe(false);
  });

  /** Each tenant's latest and last successful backups, as an aggregate over the whole history says. */
  async function expectAsTheAggregateSays(tenants: Tenant[]): Promise<void> {
    const c = await h.sql();
    const [rows] = await c.query(
      "SELECT TENANT_ID, BACKUP_TYPE, MAX(JOB_ID) AS J, MAX(CASE WHEN STATUS = 'COMPLETED' THEN JOB_ID END) AS OK FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT' GROUP BY TENANT_ID, BACKUP_TYPE",
    );
    await c.end();
    const expected = rows as { TENANT_ID: number; BACKUP_TYPE: string; J: number; OK: number }[];
    expect(expected.length).toBeGreaterThan(0);
    for (const e of expected) {
      const t = tenants.find((x) => x.tenantId === Number(e.TENANT_ID))!;
      const [latest, ok] =
        e.BACKUP_TYPE === 'FULL'
          ? [t.latestFull, t.lastSuccessfulFull]
          : [t.latestIncremental, t.lastSuccessfulIncremental];
      expect(latest?.jobId).toBe(Number(e.J));
      expect(ok?.jobId).toBe(Number(e.OK));
      expect(ok?.outputBytes).toBeGreaterThan(0);
    }
  }

  it('the latest and last successful backups match what an aggregate over the whole history says', async () => {
    await expectAsTheAggregateSays(await tenantsOf(await h.login('support', 'sys')));
  });

  it('sys catches up on every tenant in one statement, and tenant by tenant when more finished than it holds', async () => {
    const a = await h.login('root', 'sys');
    await tenantsOf(a);
    const merged = (sent: string[]) => sent.filter((s) => /ORDER BY TENANT_ID, JOB_ID/.test(s));
    const single = (sent: string[]) =>
      sent.filter((s) =>
        /TENANT_ID = \d+ AND JOB_LEVEL = '\w+' AND JOB_ID > \d+ ORDER BY JOB_ID/.test(s),
      );
    const quiet = await statementsOf(h, 'root@sys', () => tenantsOf(a));
    expect(merged(quiet)).toHaveLength(1);
    expect(single(quiet)).toEqual([]);

    // More jobs than one catch-up holds (200) finish before the next look.
    h.sim.control.seedHistory(600);
    let tenants: Tenant[] = [];
    const grown = await statementsOf(h, 'root@sys', async () => {
      tenants = await tenantsOf(a);
    });
    expect(merged(grown)).toHaveLength(1);
    expect(grown.filter((s) => /ORDER BY JOB_ID DESC/.test(s)).length).toBeGreaterThan(0);
    await expectAsTheAggregateSays(tenants);
  });

  it('a job that finishes after a newer one is still taken in (the running job holds the mark below it)', async () => {
    const sys = await h.login('root', 'sys');
    const own = await h.login('root', 'mysql_tenant');
    // The tenant's own full backup starts first (lower job id), the sys-started incremental
    // after it; the incremental is far shorter and ends first.
    await own
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    await sys
      .post(`${C}/backups`)
      .send({ type: 'incremental', tenants: ['mysql_tenant'] })
      .expect(202);
    const running = (await sys.get(`${C}/backups/active`).expect(200)).body as {
      jobs: { tenantId: number; jobId: number; type: string; level: string }[];
    };
    const mine = running.jobs.filter((j) => j.tenantId === 1002 && j.level !== 'CLUSTER');
    const full = mine.find((j) => j.type === 'full')!;
    const inc = mine.find((j) => j.type === 'incremental')!;
    expect(full.jobId).toBeLessThan(inc.jobId);

    let sawIncDoneFullRunning = false;
    for (let i = 0; i < 100; i++) {
      advance(h.sim, 5);
      const t = (await tenantsOf(sys)).find((x) => x.tenantId === 1002)!;
      if (t.latestIncremental?.jobId === inc.jobId && t.running?.jobId === full.jobId) {
        sawIncDoneFullRunning = true;
        break;
      }
    }
    expect(sawIncDoneFullRunning).toBe(true);
    await runToEnd(h, sys);
    const t = (await tenantsOf(sys)).find((x) => x.tenantId === 1002)!;
    expect(t.latestFull).toMatchObject({ jobId: full.jobId, status: 'COMPLETED' });
    expect(t.lastSuccessfulFull?.jobId).toBe(full.jobId);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, rows, startTestSim } from './testing/harness.js';

describe('seeded history at scale', () => {
  it('seeds many jobs with every status and level, and keyset pages through them (timings: bench/history.mjs)', async () => {
    const sim = await startTestSim();
    try {
      const seeded = sim.control.seedHistory(20_000, 3);
      expect(seeded.jobs).toBeGreaterThanOrEqual(20_000);
      const c = await connect(sim, 'root@sys', 'oceanbase', 'oceanbase');
      const counts = await rows(
        c,
        'SELECT STATUS, COUNT(*) AS n FROM CDB_OB_BACKUP_JOB_HISTORY GROUP BY STATUS ORDER BY STATUS',
      );
      expect(counts.map((r) => r.STATUS)).toEqual(['CANCELED', 'COMPLETED', 'FAILED']);
      const levels = await rows(
        c,
        'SELECT JOB_LEVEL, COUNT(*) AS n FROM CDB_OB_BACKUP_JOB_HISTORY GROUP BY JOB_LEVEL ORDER BY JOB_LEVEL',
      );
      expect(levels.map((r) => r.JOB_LEVEL)).toEqual(['CLUSTER', 'USER_TENANT']);
      const failed = (
        await rows(
          c,
          "SELECT RESULT, COMMENT FROM CDB_OB_BACKUP_JOB_HISTORY WHERE STATUS = 'FAILED' LIMIT 1",
        )
      )[0];
      expect(Number(failed?.RESULT)).toBeLessThan(0);
      expect(String(failed?.COMMENT)).toMatch(/^\((SERVER|ROOTSERVICE)\)/);
      const first = await rows(
        c,
        'SELECT * FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY START_TIMESTAMP DESC, JOB_ID DESC LIMIT 50',
      );
      expect(first).toHaveLength(50);
      const last = first[49] ?? {};
      // A deep keyset page: 10,000 rows back.
      const deep =
        (
          await rows(
            c,
            'SELECT START_TIMESTAMP, JOB_ID FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY START_TIMESTAMP DESC, JOB_ID DESC LIMIT 1 OFFSET 10000',
          )
        )[0] ?? {};
      const keyset = await rows(
        c,
        `SELECT * FROM CDB_OB_BACKUP_JOB_HISTORY WHERE START_TIMESTAMP < '${String(deep.START_TIMESTAMP)}' OR (START_TIMESTAMP = '${String(deep.START_TIMESTAMP)}' AND JOB_ID < ${String(deep.JOB_ID)})
         ORDER BY START_TIMESTAMP DESC, JOB_ID DESC LIMIT 50`,
      );
      const tenantPage = await rows(
        c,
        `SELECT * FROM CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002 AND STATUS = 'FAILED' AND START_TIMESTAMP < '${String(last.START_TIMESTAMP)}' ORDER BY START_TIMESTAMP DESC, JOB_ID DESC LIMIT 50`,
      );
      const u = await connect(sim, 'root@mysql_tenant', 'oceanbase', 'oceanbase');
      const dba = await rows(
        u,
        'SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY ORDER BY START_TIMESTAMP DESC, JOB_ID DESC LIMIT 50',
      );
      expect(keyset).toHaveLength(50);
      expect(tenantPage.length).toBeGreaterThan(0);
      expect(dba).toHaveLength(50);
      await c.end();
      await u.end();
    } finally {
      await sim.close();
    }
  }, 60_000);
});

describe('persistence', () => {
  it(
    'a restart with the data file mid-backup continues the job to COMPLETED',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'obsim-'));
      const dataFile = join(dir, 'sim.db');
      try {
        const first = await startTestSim({ dataFile });
        const c = await connect(first, 'root@mysql_tenant', 'oceanbase', 'oceanbase');
        await c.query("SET ENCRYPTION ON IDENTIFIED BY 'p' ONLY");
        await c.query("ALTER SYSTEM SET archive_lag_target = '60s'");
        await c.query('ALTER SYSTEM BACKUP DATABASE');
        first.control.advance(25);
        const before = (
          await rows(c, 'SELECT STATUS, FINISH_MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_TASKS')
        )[0];
        expect(before?.STATUS).toMatch(/^BACKUP_DATA_/);
        await c.end();
        await first.close();

        const second = await startTestSim({ dataFile });
        const d = await connect(second, 'root@mysql_tenant', 'oceanbase', 'oceanbase');
        expect(await rows(d, 'SELECT STATUS FROM DBA_OB_BACKUP_TASKS')).toEqual([
          { STATUS: before?.STATUS },
        ]);
        second.control.advance(60);
        expect(
          await rows(d, 'SELECT STATUS, ENCRYPTION_MODE FROM DBA_OB_BACKUP_JOB_HISTORY'),
        ).toEqual([{ STATUS: 'COMPLETED', ENCRYPTION_MODE: 'PASSWORD' }]);
        // Parameters and rootservice events live in the data file too.
        expect((await rows(d, "SHOW PARAMETERS LIKE 'archive_lag_target'"))[0]?.value).toBe('60s');
        const e = await connect(second, 'root@sys', 'oceanbase', 'oceanbase');
        expect(
          (
            await rows(
              e,
              "SELECT COUNT(*) AS n FROM DBA_OB_ROOTSERVICE_EVENT_HISTORY WHERE EVENT = 'start_backup_data'",
            )
          )[0]?.n,
        ).toBe('1');
        await e.end();
        await d.query('ALTER SYSTEM BACKUP INCREMENTAL DATABASE');
        expect(await rows(d, 'SELECT JOB_ID, BACKUP_TYPE FROM DBA_OB_BACKUP_JOBS')).toEqual([
          { JOB_ID: '2', BACKUP_TYPE: 'INC' },
        ]);
        await d.end();
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

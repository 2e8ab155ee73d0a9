import { describe, expect, it } from 'vitest';
import { rows } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('view columns as OceanBase 4.3 defines them', () => {
  it('ARCHIVELOG_SUMMARY ends PATH, COMMENT and shows finished rounds as STOP', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    testSim.sim.control.advance(3);
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant');
    testSim.sim.control.advance(5);
    const cols = (await rows(sys, 'DESC oceanbase.CDB_OB_ARCHIVELOG_SUMMARY')).map((r) => r.Field);
    expect(cols.slice(-2)).toEqual(['PATH', 'COMMENT']);
    expect(
      await rows(
        sys,
        'SELECT ROUND_ID, STATUS FROM oceanbase.CDB_OB_ARCHIVELOG_SUMMARY WHERE TENANT_ID = 1002 ORDER BY ROUND_ID',
      ),
    ).toEqual([
      { ROUND_ID: '1', STATUS: 'STOP' },
      { ROUND_ID: '2', STATUS: 'DOING' },
    ]);
  });

  it('COMPRESSION_RATIO is output/input (0 before any input); *_DISPLAY starts at MB', async () => {
    const sys = await as('root@sys');
    const [fresh] = await rows(
      sys,
      'SELECT COMPRESSION_RATIO, INPUT_BYTES_DISPLAY FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002',
    );
    expect(Number(fresh?.COMPRESSION_RATIO)).toBeGreaterThan(0);
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    testSim.sim.control.advance(3);
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant');
    const [started] = await rows(
      sys,
      'SELECT INPUT_BYTES, COMPRESSION_RATIO, INPUT_BYTES_DISPLAY FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002',
    );
    expect(started).toEqual({
      INPUT_BYTES: '0',
      COMPRESSION_RATIO: '0.00',
      INPUT_BYTES_DISPLAY: '0.00MB',
    });
    const [ratio] = await rows(
      sys,
      'SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_ARCHIVELOG WHERE INPUT_BYTES > 0 AND COMPRESSION_RATIO <> ROUND(OUTPUT_BYTES * 1.0 / INPUT_BYTES, 2)',
    );
    expect(ratio).toEqual({ N: '0' });
  });

  it('ELAPSED_SECONDES is decimal(22,0); MIN_RESTORE_SCN_DISPLAY has 9 fraction digits', async () => {
    const t = await as('root@mysql_tenant');
    await t.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(120);
    const desc = await rows(t, 'DESC oceanbase.DBA_OB_BACKUP_SET_FILES');
    expect(desc.find((r) => r.Field === 'ELAPSED_SECONDES')?.Type).toBe('decimal(22,0)');
    const [set] = await rows(
      t,
      'SELECT ELAPSED_SECONDES, MIN_RESTORE_SCN, MIN_RESTORE_SCN_DISPLAY FROM oceanbase.DBA_OB_BACKUP_SET_FILES',
    );
    expect(String(set?.ELAPSED_SECONDES)).toMatch(/^\d+$/);
    expect(String(set?.MIN_RESTORE_SCN_DISPLAY)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}$/);
    const ns = BigInt(String(set?.MIN_RESTORE_SCN)) % 1_000_000_000n;
    expect(String(set?.MIN_RESTORE_SCN_DISPLAY).slice(-9)).toBe(String(ns).padStart(9, '0'));
  });

  it('DBA_OB_TENANTS has NULL SCNs for the sys and meta tenants', async () => {
    const sys = await as('root@sys');
    const tenants = await rows(
      sys,
      'SELECT TENANT_ID, SYNC_SCN, READABLE_SCN FROM oceanbase.DBA_OB_TENANTS ORDER BY TENANT_ID',
    );
    for (const t of tenants) {
      const user = Number(t.TENANT_ID) !== 1 && Number(t.TENANT_ID) % 2 === 0;
      expect(t.SYNC_SCN === null, String(t.TENANT_ID)).toBe(!user);
      expect(t.READABLE_SCN === null, String(t.TENANT_ID)).toBe(!user);
    }
  });
});

describe('archive pieces', () => {
  it('ARCHIVELOG_PIECE_FILES has the piece each round writes: ACTIVE while DOING, FROZEN after', async () => {
    const sys = await as('root@sys');
    await sys.query('ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant');
    testSim.sim.control.advance(3);
    await sys.query('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant');
    testSim.sim.control.advance(5);
    const pieces = await rows(
      sys,
      'SELECT ROUND_ID, PIECE_ID, STATUS, FILE_STATUS, START_SCN < END_SCN AS ORDERED FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES WHERE TENANT_ID = 1002 ORDER BY ROUND_ID',
    );
    expect(pieces).toEqual([
      {
        ROUND_ID: '1',
        PIECE_ID: expect.any(String),
        STATUS: 'FROZEN',
        FILE_STATUS: 'AVAILABLE',
        ORDERED: '1',
      },
      { ROUND_ID: '2', PIECE_ID: '1', STATUS: 'ACTIVE', FILE_STATUS: 'AVAILABLE', ORDERED: '1' },
    ]);
  });
});

describe('backup parameters', () => {
  it('archive_lag_target and ha_high_thread_score are tenant parameters with their ranges', async () => {
    const sys = await as('root@sys');
    await sys.query("ALTER SYSTEM SET ARCHIVE_LAG_TARGET = '60s' TENANT = mysql_tenant");
    await sys.query('ALTER SYSTEM SET HA_HIGH_THREAD_SCORE = 7 TENANT = mysql_tenant');
    await expect(
      sys.query("ALTER SYSTEM SET ARCHIVE_LAG_TARGET = '7201s' TENANT = mysql_tenant"),
    ).rejects.toMatchObject({ errno: 4147 });
    await expect(
      sys.query('ALTER SYSTEM SET HA_HIGH_THREAD_SCORE = 101 TENANT = mysql_tenant'),
    ).rejects.toMatchObject({ errno: 4147 });
    const t = await as('root@mysql_tenant');
    const shown = await rows(t, "SHOW PARAMETERS LIKE 'archive_lag_target'");
    expect(shown[0]).toMatchObject({
      name: 'archive_lag_target',
      value: '60s',
      data_type: 'TIME',
      default_value: '120s',
    });
    expect((await rows(t, "SHOW PARAMETERS LIKE 'ha_high_thread_score'"))[0]).toMatchObject({
      value: '7',
    });
  });
});

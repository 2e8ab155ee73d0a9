import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { connect, rows, startTestSim } from './testing/harness.js';
import { RECORDED_DESC, RECORDED_DESC_DERIVED, recordedColumns } from './catalog/recorded-desc.js';

// Replays OceanBase's recorded DESC results (catalog/recorded-desc.ts, with its source path)
// against the running simulator: names, order, types, nullability and defaults.
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

const views = [
  ...Object.keys(RECORDED_DESC),
  ...RECORDED_DESC_DERIVED.map((f) => `CDB_${f}`),
].sort();

const expected = (view: string): string[][] =>
  (recordedColumns(view) ?? []).map((c) => [
    c.name,
    c.type,
    c.nullable ? 'YES' : 'NO',
    String(c.default),
  ]);

describe('DESC of the backup views matches OceanBase 4.3’s recorded results', () => {
  it('covers every backup view the console and real clients read', () => {
    for (const f of [
      'OB_BACKUP_JOBS',
      'OB_BACKUP_JOB_HISTORY',
      'OB_BACKUP_TASKS',
      'OB_BACKUP_TASK_HISTORY',
      'OB_BACKUP_SET_FILES',
      'OB_ARCHIVELOG',
      'OB_ARCHIVELOG_SUMMARY',
      'OB_ARCHIVE_DEST',
      'OB_BACKUP_PARAMETER',
      'OB_BACKUP_DELETE_JOBS',
      'OB_BACKUP_DELETE_JOB_HISTORY',
      'OB_BACKUP_DELETE_TASKS',
      'OB_BACKUP_DELETE_TASK_HISTORY',
      'OB_BACKUP_DELETE_POLICY',
    ])
      for (const p of ['CDB_', 'DBA_']) expect(views).toContain(`${p}${f}`);
  });

  it.each(views)(
    '%s: DESC in sys gives the recorded Field, Type, Null and Default',
    async (view) => {
      const got = (await rows(sys, `DESC oceanbase.${view}`)).map((r) => [
        r.Field,
        r.Type,
        r.Null,
        String(r.Default),
      ]);
      expect(got).toEqual(expected(view));
    },
  );

  it.each(views.filter((v) => v.startsWith('DBA_')))(
    '%s: DESC in a user tenant gives the same record',
    async (view) => {
      const got = (await rows(user, `DESC oceanbase.${view}`)).map((r) => [
        r.Field,
        r.Type,
        r.Null,
        String(r.Default),
      ]);
      expect(got).toEqual(expected(view));
    },
  );

  it.each(views)('%s: information_schema.COLUMNS agrees with the record', async (view) => {
    const got = (
      await rows(
        sys,
        `SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'oceanbase' AND TABLE_NAME = '${view}' ORDER BY ORDINAL_POSITION`,
      )
    ).map((r) => [r.COLUMN_NAME, r.COLUMN_TYPE, r.IS_NULLABLE, String(r.COLUMN_DEFAULT)]);
    expect(got).toEqual(expected(view));
  });

  it('types what the record says in information_schema: varchar length, decimal precision', async () => {
    const r = await rows(
      sys,
      "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE FROM information_schema.COLUMNS WHERE TABLE_NAME = 'DBA_OB_ARCHIVELOG' AND COLUMN_NAME IN ('INPUT_BYTES_DISPLAY', 'COMPRESSION_RATIO') ORDER BY ORDINAL_POSITION",
    );
    const numbers = r.map((c) => ({
      ...c,
      CHARACTER_MAXIMUM_LENGTH:
        c.CHARACTER_MAXIMUM_LENGTH === null ? null : Number(c.CHARACTER_MAXIMUM_LENGTH),
      NUMERIC_PRECISION: c.NUMERIC_PRECISION === null ? null : Number(c.NUMERIC_PRECISION),
      NUMERIC_SCALE: c.NUMERIC_SCALE === null ? null : Number(c.NUMERIC_SCALE),
    }));
    expect(numbers).toEqual([
      {
        COLUMN_NAME: 'INPUT_BYTES_DISPLAY',
        DATA_TYPE: 'varchar',
        CHARACTER_MAXIMUM_LENGTH: 28,
        NUMERIC_PRECISION: null,
        NUMERIC_SCALE: null,
      },
      {
        COLUMN_NAME: 'COMPRESSION_RATIO',
        DATA_TYPE: 'decimal',
        CHARACTER_MAXIMUM_LENGTH: null,
        NUMERIC_PRECISION: 24,
        NUMERIC_SCALE: 2,
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { rows } from './testing/harness.js';
import { useTestSim } from './testing/use-test-sim.js';

const testSim = useTestSim();
const as = testSim.as;

describe('prepared statements (COM_STMT_PREPARE / EXECUTE / CLOSE, binary rows)', () => {
  it("mysql2's execute() reads the same values as a text query, exact SCNs and microseconds included", async () => {
    const c = await as('root@mysql_tenant');
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    testSim.sim.control.advance(20);
    const sql =
      'SELECT JOB_ID, TASK_ID, STATUS, START_SCN, START_TIMESTAMP, END_TIMESTAMP, INPUT_BYTES, DATA_PROGRESS FROM oceanbase.DBA_OB_BACKUP_TASKS WHERE JOB_ID = ? AND STATUS <> ?';
    const [binary] = await c.execute<RowDataPacket[]>(sql, [1, 'NOPE']);
    const text = await rows(c, sql.replace('?', '1').replace('?', "'NOPE'"));
    expect(binary).toEqual(text);
    expect(binary).toHaveLength(1);
    expect(BigInt(String(binary[0]?.START_SCN)) > 2n ** 53n).toBe(true);
    expect(String(binary[0]?.START_TIMESTAMP)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(binary[0]?.END_TIMESTAMP).toBeNull();
  });

  it('binds strings, NULLs, numbers and dates; a statement runs again with new values', async () => {
    const c = await as('root@mysql_tenant');
    const [a] = await c.execute<RowDataPacket[]>('SELECT ? AS s, ? AS n, ? AS z, ? AS f', [
      "it's \\ fine",
      42,
      null,
      1.5,
    ]);
    expect(a[0]).toEqual({ s: "it's \\ fine", n: '42', z: null, f: 1.5 });
    const [b] = await c.execute<RowDataPacket[]>('SELECT ? AS s, ? AS n, ? AS z, ? AS f', [
      'x',
      7,
      'y',
      2.5,
    ]);
    expect(b[0]).toEqual({ s: 'x', n: '7', z: 'y', f: 2.5 });
    const [d] = await c.execute<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM oceanbase.DBA_OB_BACKUP_JOB_HISTORY WHERE START_TIMESTAMP >= ?',
      [new Date(Date.UTC(2020, 0, 1))],
    );
    expect(d[0]).toEqual({ n: '0' });
    // The connection is still in step after all of that.
    expect(await rows(c, 'SELECT 1 AS one')).toEqual([{ one: '1' }]);
  });

  it('errors keep their number; statements without a result answer OK; a closed statement is gone', async () => {
    const c = await as('root@mysql_tenant');
    await expect(
      c.execute('SELECT * FROM oceanbase.NO_SUCH_VIEW WHERE 1 = ?', [1]),
    ).rejects.toMatchObject({
      errno: 1146,
    });
    const [ok] = await c.execute('ALTER SYSTEM BACKUP DATABASE DESCRIPTION ?', ['from execute()']);
    expect(ok).toMatchObject({ affectedRows: 0 });
    expect(await rows(c, 'SELECT DESCRIPTION FROM oceanbase.DBA_OB_BACKUP_JOBS')).toEqual([
      { DESCRIPTION: 'from execute()' },
    ]);
    c.unprepare('SELECT ? AS s');
    const [again] = await c.execute<RowDataPacket[]>('SELECT ? AS s', ['after close']);
    expect(again[0]).toEqual({ s: 'after close' });
  });

  it('the Oracle tenant binds with Oracle literals and answers Oracle errors', async () => {
    const o = await as('SYS@oracle_tenant');
    const [r] = await o.execute<RowDataPacket[]>('SELECT ? AS S FROM DUAL', ["o'ra\\cle"]);
    expect(r[0]).toEqual({ S: "o'ra\\cle" });
    await expect(o.execute('SELECT * FROM SYS.NOPE WHERE 1 = ?', [1])).rejects.toMatchObject({
      errno: 942,
      sqlMessage: "ORA-00942: table or view 'SYS.NOPE' does not exist",
    });
  });

  it('binds and finds placeholders as the session lexes: with NO_BACKSLASH_ESCAPES a backslash stands for itself', async () => {
    const c = await as('root@mysql_tenant');
    await c.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES'");
    // 'x\' is a whole string in this mode, so the ? after it is a placeholder.
    const [a] = await c.execute<RowDataPacket[]>("SELECT 'x\\' AS lit, ? AS s", ['a\\b ' + "it's"]);
    expect(a[0]).toEqual({ lit: 'x\\', s: "a\\b it's" });
    // The same value arrives unchanged through a text query that escapes the way this mode reads.
    const [b] = await c.query<RowDataPacket[]>("SELECT 'a\\b it''s' AS s");
    expect(b[0]?.s).toBe(a[0]?.s);
    await c.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'");
    const [d] = await c.execute<RowDataPacket[]>('SELECT ? AS s', ['a\\b']);
    expect(d[0]?.s).toBe('a\\b');
  });
});

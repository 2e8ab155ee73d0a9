import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import type { Simulator } from './simulator.js';
import { startTestSim } from './testing/harness.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARIADB = '/usr/bin/mariadb';

describe('command line', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('prints how to connect and answers SELECT VERSION()', async () => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: pkg, stdio: 'pipe' });
    child = spawn(
      process.execPath,
      [
        'dist/cli.js',
        '--port',
        '0',
        '--control-port',
        '0',
        '--manual-clock',
        '--seed-history',
        '20',
      ],
      { cwd: pkg },
    );
    const proc = child;
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      proc.stdout?.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('support@sys')) resolve(text);
      });
      proc.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${text}`)));
    });
    const port = /-P(\d+) -uroot@sys -poceanbase/.exec(out)?.[1];
    expect(out).toMatch(/connect: mysql -h127\.0\.0\.1 -P\d+ -uroot@sys -poceanbase/);
    const conn = await createConnection({
      host: '127.0.0.1',
      port: Number(port),
      user: 'root@sys',
      password: 'oceanbase',
    });
    const [result] = await conn.query<RowDataPacket[]>('SELECT VERSION() AS v');
    expect(result[0]?.v).toBe('5.7.25-OceanBase_CE-v4.3.5.1');
    await conn.end();
    const exited = new Promise<number | null>((resolve) =>
      proc.on('exit', (code) => resolve(code)),
    );
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = null;
  }, 60_000);

  it('exits 2 with a clear message on a bad flag', () => {
    if (!existsSync(join(pkg, 'dist/cli.js')))
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: pkg });
    try {
      execFileSync(process.execPath, ['dist/cli.js', '--frobnicate'], { cwd: pkg, stdio: 'pipe' });
      expect.unreachable();
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      expect(err.status).toBe(2);
      expect(err.stderr.toString()).toContain("Unknown option '--frobnicate'");
    }
  }, 60_000);
});

describe('the mariadb command-line client', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  // Async: the simulator runs in this process, a synchronous child would block it.
  const mariadb = async (user: string, sql: string): Promise<string> =>
    (
      await promisify(execFile)(MARIADB, [
        '-h127.0.0.1',
        `-P${String(sim.sqlPort)}`,
        `-u${user}`,
        '-poceanbase',
        '--skip-ssl',
        '-e',
        sql,
      ])
    ).stdout;

  it.skipIf(!existsSync(MARIADB))('runs the seed documents\u2019 statements verbatim', async () => {
    await mariadb('root@sys', 'ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;');
    const vertical = await mariadb('root@sys', 'SELECT * FROM oceanbase.CDB_OB_BACKUP_JOBS\\G');
    expect(vertical).toContain('*************************** 2. row ***************************');
    expect(vertical).toMatch(/BACKUP_TYPE: FULL/); // INCREMENTAL without a full set became FULL
    expect(vertical).toMatch(/JOB_LEVEL: CLUSTER/);
    expect(vertical).toMatch(/END_TIMESTAMP: NULL/);
    await mariadb('root@sys', "SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY;");
    await mariadb('root@sys', 'ALTER SYSTEM CANCEL BACKUP;');
    sim.control.advance(5);
    const canceled = await mariadb(
      'root@sys',
      'SELECT TENANT_ID, STATUS, RESULT FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID;',
    );
    expect(canceled).toMatch(/1\tCANCELED\t-4072/);
    expect(canceled).toMatch(/1002\tCANCELED\t-4072/);
  });

  it.skipIf(!existsSync(MARIADB))(
    'shows OceanBase errors with their number and state',
    async () => {
      try {
        await mariadb('root@mysql_tenant', 'ALTER SYSTEM BACKUP TENANT = mysql_tenant;');
        expect.unreachable();
      } catch (e) {
        expect(String((e as { stderr: unknown }).stderr)).toContain(
          'ERROR 1235 (0A000) at line 1: user tenant cannot specify tenant names not supported',
        );
      }
      const out = await mariadb(
        'root@mysql_tenant',
        "SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY; ALTER SYSTEM BACKUP DATABASE; SELECT ENCRYPTION_MODE, PASSWD FROM oceanbase.DBA_OB_BACKUP_JOBS;",
      );
      // MySQL's PASSWORD('password'), in lower case: the stage-2 hash, never the password itself.
      expect(out).toContain('PASSWORD\t*2470c0c06dee42fd1618bb99005adca2ec9d1e19');
    },
  );
});

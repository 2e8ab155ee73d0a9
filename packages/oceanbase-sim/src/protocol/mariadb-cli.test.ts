import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolServer } from './server.js';
import type { ProtocolServer } from './server.js';
import { FakeBackend, VERSION_COMMENT } from './test-helpers/fake-backend.js';

const cli = ['mariadb', 'mysql']
  .flatMap((name) => (process.env.PATH ?? '').split(':').map((dir) => join(dir, name)))
  .find((path) => existsSync(path));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const backend = new FakeBackend();
let server: ProtocolServer;
let port: number;

/** Runs the CLI asynchronously: a synchronous child would block the server it talks to. */
function run(args: string[], password = 'secret'): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      cli ?? 'mariadb',
      ['-h127.0.0.1', `-P${port}`, '-uroot@sys', `-p${password}`, '--skip-ssl', '--batch', ...args],
      { timeout: 10_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const title = cli
  ? `the ${cli} command-line client`
  : 'the mariadb command-line client: SKIPPED because neither a mariadb nor a mysql binary is on PATH';

describe.skipIf(cli === undefined)(title, () => {
  beforeAll(async () => {
    server = createProtocolServer(backend, { logger: () => undefined });
    port = await server.listen();
  });

  afterAll(async () => {
    await server.close();
  });

  it('logs in and runs queries', async () => {
    const result = await run(['-e', 'select @@version_comment limit 1; SELECT 1;']);
    expect(result).toEqual({
      code: 0,
      stdout: `@@version_comment\n${VERSION_COMMENT}\n1\n1\n`,
      stderr: '',
    });
  });

  it('prints exact big integers, decimals, timestamps and NULLs', async () => {
    const result = await run(['-e', 'select types']);
    expect(result.stdout.split('\n')).toEqual([
      'scn\tamount\tts\tname\tnote\tratio\tn\tnothing\tdt',
      '1700000000000000001\t12345678901234567890.123456789\t2024-05-06 07:08:09.123456\théllo ✓\tlong text\t0.5\t-42\tNULL\t2024-05-06 07:08:09',
      '18446744073709551615\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL',
      '',
    ]);
  });

  it('refuses a wrong password with ERROR 1045 (42000)', async () => {
    const result = await run(['-e', 'select 1'], 'wrong');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      "ERROR 1045 (42000): Access denied for user 'root'@'127.0.0.1' (using password: YES)",
    );
  });

  it("shows the backend's errors with their SQLSTATE", async () => {
    const result = await run(['-e', 'fail 1235 0A000']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ERROR 1235 (0A000) at line 1: failure 1235');
  });

  it('switches databases with COM_INIT_DB', async () => {
    const ok = await run(['-e', 'use oceanbase; select 1']);
    expect(ok).toMatchObject({ code: 0, stdout: '1\n1\n' });
    expect(backend.sessions.some((session) => session.databases.includes('oceanbase'))).toBe(true);
    const missing = await run(['-e', 'use missing']);
    expect(missing.stderr).toContain("ERROR 1049 (42000) at line 1: Unknown database 'missing'");
  });
});

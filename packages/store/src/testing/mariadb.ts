import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

/**
 * A real MariaDB server for tests: its own data directory in a temporary folder, its own free
 * port, real grants. Started once per test run (vitest globalSetup) and stopped afterwards.
 */
export interface MariaDbInfo {
  host: string;
  port: number;
  /** The unix socket root uses to create databases and users. */
  socket: string;
}

export interface MariaDbServer extends MariaDbInfo {
  stop(): Promise<void>;
}

export interface TestDatabase {
  /** mysql://user@127.0.0.1:port/db, as STORE_URL. */
  url: string;
  password: string;
  database: string;
}

const INSTALL_HINT = 'install mariadb-server (Debian: apt-get install mariadb-server)';
const SEARCH_DIRS = [
  '/usr/sbin',
  '/usr/libexec',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/local/mysql/bin',
  '/usr/local/mysql/scripts',
  '/opt/homebrew/bin',
  '/usr/bin',
];

function findBinary(names: string[]): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const name of names)
    for (const dir of dirs) {
      const p = path.join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  throw new Error(
    `${names.join(' / ')} not found (looked in PATH and ${SEARCH_DIRS.join(', ')}): ${INSTALL_HINT}`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** mariadbd refuses to run as root unless told which user to run as. */
function userArgs(): string[] {
  return process.getuid?.() === 0 ? [`--user=${os.userInfo().username}`] : [];
}

export async function startMariaDb(): Promise<MariaDbServer> {
  const server = findBinary(['mariadbd', 'mysqld']);
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db']);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'obconsole-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const errorLog = path.join(dir, 'error.log');
  try {
    await promisify(execFile)(
      installDb,
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...userArgs(),
      ],
      { timeout: 120_000 },
    );
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    const err = e as { stderr?: string; message: string };
    throw new Error(`${installDb} failed: ${err.stderr?.trim() || err.message}`, { cause: e });
  }
  const port = await freePort();
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--log-error=${errorLog}`,
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      // Tests may lose their data on a crash; they must not wait for the disk.
      '--innodb-flush-log-at-trx-commit=2',
      ...userArgs(),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  try {
    await waitUntilAccepting(socket, child, exited, errorLog);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    host: '127.0.0.1',
    port,
    socket,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAccepting(
  socket: string,
  child: ChildProcess,
  exited: Promise<number | null>,
  errorLog: string,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) {
      const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-15) : [];
      throw new Error(
        `mariadbd exited with ${child.exitCode} before accepting:\n${log.join('\n')}`,
      );
    }
    try {
      const c = await createConnection({ socketPath: socket, user: 'root' });
      await c.end();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('mariadbd did not accept connections within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A fresh database and a user that may only use it, as production would have: each test file
 * (or each store under test) gets its own.
 */
export async function createTestDatabase(
  info: MariaDbInfo,
  prefix = 'store',
): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const database = `${prefix}_${suffix}`;
  const user = `u_${suffix}`;
  const password = randomBytes(12).toString('base64url');
  const c = await createConnection({ socketPath: info.socket, user: 'root' });
  try {
    await c.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await c.query(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [user, password]);
    await c.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO ?@'127.0.0.1'`, [user]);
  } finally {
    await c.end();
  }
  return { url: `mysql://${user}@${info.host}:${info.port}/${database}`, password, database };
}

/** Root's connection to one database, for tests that must reach around the store (tampering). */
export function rootConnection(info: MariaDbInfo, database: string) {
  return createConnection({ socketPath: info.socket, user: 'root', database });
}

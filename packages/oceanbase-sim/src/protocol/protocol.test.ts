import { Socket } from 'node:net';
import mysql from 'mysql2/promise';
import type {
  Connection,
  ConnectionOptions,
  FieldPacket,
  ResultSetHeader,
  RowDataPacket,
} from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProtocolServer } from './server.js';
import type { ProtocolServer } from './server.js';
import { FakeBackend } from './test-helpers/fake-backend.js';

const backend = new FakeBackend();
const logged: string[] = [];
let server: ProtocolServer;
let port: number;
const openConnections: Connection[] = [];

/** Every warning mysql2 prints (on either side) about sequence ids goes through console.error. */
const printed: string[] = [];
const processWarnings: Error[] = [];
const onProcessWarning = (warning: Error) => processWarnings.push(warning);

beforeAll(async () => {
  for (const method of ['warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  process.on('warning', onProcessWarning);
  server = createProtocolServer(backend, { logger: (msg) => logged.push(msg) });
  port = await server.listen();
});

afterAll(async () => {
  await Promise.all(openConnections.map((connection) => connection.end().catch(() => undefined)));
  await server.close();
  expect(backend.sessions.filter((session) => session.closeCount !== 1)).toEqual([]);
  process.off('warning', onProcessWarning);
  vi.restoreAllMocks();
});

afterEach(() => {
  expect(printed.filter((line) => /out of order/i.test(line))).toEqual([]);
});

function options(extra: ConnectionOptions = {}): ConnectionOptions {
  return {
    host: '127.0.0.1',
    port,
    user: 'root@sys',
    password: 'secret',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    ...extra,
  };
}

async function connect(extra: ConnectionOptions = {}): Promise<Connection> {
  const connection = await mysql.createConnection(options(extra));
  openConnections.push(connection);
  return connection;
}

async function rows(connection: Connection, sql: string): Promise<RowDataPacket[]> {
  const [result] = await connection.query<RowDataPacket[]>(sql);
  return result;
}

async function loginError(
  extra: ConnectionOptions,
): Promise<{ errno?: number; sqlState?: string; message: string }> {
  const error: unknown = await mysql.createConnection(options(extra)).then(
    () => new Error('login unexpectedly succeeded'),
    (err: unknown) => err,
  );
  return error as { errno?: number; sqlState?: string; message: string };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('login', () => {
  it('accepts the right password and passes the parsed identity to the backend', async () => {
    const connection = await connect();
    expect(await rows(connection, 'whoami')).toEqual([
      {
        user: 'root',
        tenant: 'sys',
        cluster: null,
        database: null,
        remote: '127.0.0.1',
        id: expect.any(String),
      },
    ]);
    const [[version]] = await connection.query<RowDataPacket[]>('select 1');
    expect(version).toEqual({ 1: '1' });
  });

  it('parses user@tenant#cluster and the database', async () => {
    const connection = await connect({
      user: 'admin@obtenant#demo',
      password: 'pw2',
      database: 'oceanbase',
    });
    expect(await rows(connection, 'whoami')).toMatchObject([
      { user: 'admin', tenant: 'obtenant', cluster: 'demo', database: 'oceanbase' },
    ]);
    expect(backend.logins.at(-1)).toMatchObject({
      rawUser: 'admin@obtenant#demo',
      connectionId: expect.any(Number),
    });
  });

  it('defaults the tenant to sys', async () => {
    const connection = await connect({ user: 'root' });
    expect(await rows(connection, 'whoami')).toMatchObject([{ user: 'root', tenant: 'sys' }]);
  });

  it('refuses a wrong password with 1045 (42000)', async () => {
    const error = await loginError({ password: 'wrong' });
    expect(error).toMatchObject({ errno: 1045, sqlState: '42000' });
    expect(error.message).toBe("Access denied for user 'root'@'127.0.0.1' (using password: YES)");
  });

  it('refuses an unknown user exactly like a wrong password', async () => {
    expect(await loginError({ user: 'ghost@sys' })).toMatchObject({
      errno: 1045,
      sqlState: '42000',
      message: "Access denied for user 'ghost'@'127.0.0.1' (using password: YES)",
    });
  });

  it('refuses a missing password (using password: NO)', async () => {
    expect(await loginError({ password: '' })).toMatchObject({
      errno: 1045,
      message: "Access denied for user 'root'@'127.0.0.1' (using password: NO)",
    });
  });

  it('lets an account without a password in only without one', async () => {
    const connection = await connect({ user: 'nopw', password: '' });
    expect(await rows(connection, 'whoami')).toMatchObject([{ user: 'nopw' }]);
    expect(await loginError({ user: 'nopw', password: 'guess' })).toMatchObject({ errno: 1045 });
  });

  it("sends the backend's SqlError when findAccount throws one", async () => {
    expect(await loginError({ user: 'locked@sys' })).toMatchObject({
      errno: 3118,
      sqlState: 'HY000',
    });
  });

  it('answers 4016 and logs when findAccount throws something else', async () => {
    expect(await loginError({ user: 'crash@sys' })).toMatchObject({
      errno: 4016,
      sqlState: 'HY000',
    });
    expect(logged.some((line) => line.includes('account store unavailable'))).toBe(true);
  });
});

describe('queries', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await connect();
  });

  it('sends numbers, decimals, timestamps, strings and NULLs exactly', async () => {
    const [result, fields] = await connection.query<RowDataPacket[]>('select types');
    expect(result).toEqual([
      {
        scn: '1700000000000000001',
        amount: '12345678901234567890.123456789',
        ts: '2024-05-06 07:08:09.123456',
        name: 'héllo ✓',
        note: 'long text',
        ratio: 0.5,
        n: -42,
        nothing: null,
        dt: '2024-05-06 07:08:09',
      },
      {
        scn: '18446744073709551615',
        amount: null,
        ts: null,
        name: null,
        note: null,
        ratio: null,
        n: null,
        nothing: null,
        dt: null,
      },
    ]);
    const byName = new Map(fields.map((field: FieldPacket) => [field.name, field]));
    expect(byName.get('scn')).toMatchObject({
      columnType: 8,
      characterSet: 63,
      table: 'v',
      schema: 'oceanbase',
      flags: 0x8000 | 0x80 | 0x20 | 0x1,
    });
    expect(byName.get('amount')).toMatchObject({ columnType: 246, decimals: 9, columnLength: 40 });
    expect(byName.get('ts')).toMatchObject({ columnType: 7, decimals: 6, columnLength: 26 });
    expect(byName.get('name')).toMatchObject({
      columnType: 253,
      characterSet: 45,
      columnLength: 256,
    });
    expect(byName.get('note')).toMatchObject({ columnType: 252, characterSet: 45, flags: 0x10 });
    expect(byName.get('ratio')).toMatchObject({ columnType: 5, decimals: 31 });
    expect(byName.get('nothing')).toMatchObject({ columnType: 6 });
  });

  it('sends an empty result set with its columns', async () => {
    const [result, fields] = await connection.query<RowDataPacket[]>('select empty');
    expect(result).toEqual([]);
    expect(fields.map((field) => field.name)).toEqual(['id']);
  });

  it('sends OK packets with affected rows, insert id, warnings and info', async () => {
    const [result] = await connection.query<ResultSetHeader>('insert into t values (1), (2), (3)');
    expect(result).toMatchObject({
      affectedRows: 3,
      insertId: 42,
      warningStatus: 1,
      info: 'Records: 3  Duplicates: 0  Warnings: 1',
      serverStatus: 2,
    });
  });

  it('routes SET, PREPARE and EXECUTE text queries to execute()', async () => {
    await connection.query('SET @@session.ob_query_timeout = 100000000');
    await connection.query('PREPARE s FROM "select 1"');
    await connection.query('EXECUTE s');
    expect(backend.sessions.at(-1)?.executed.slice(-3)).toEqual([
      'SET @@session.ob_query_timeout = 100000000',
      'PREPARE s FROM "select 1"',
      'EXECUTE s',
    ]);
  });

  it('passes SqlErrors through with their SQLSTATE, sync or async', async () => {
    await expect(connection.query('fail 9040 HY000')).rejects.toMatchObject({
      errno: 9040,
      sqlState: 'HY000',
    });
    await expect(connection.query('async fail')).rejects.toMatchObject({
      errno: 1235,
      sqlState: '0A000',
      message: 'This version of OceanBase does not yet support this',
    });
    await expect(connection.query('fail 1227 42501')).rejects.toMatchObject({
      errno: 1227,
      sqlState: '42501',
    });
    expect(await rows(connection, 'select 1')).toEqual([{ 1: '1' }]);
  });

  it('turns any other exception into 4016 Internal error and logs it', async () => {
    await expect(connection.query('boom')).rejects.toMatchObject({
      errno: 4016,
      sqlState: 'HY000',
      message: 'Internal error',
    });
    expect(logged.some((line) => line.includes('kaboom'))).toBe(true);
    await expect(connection.query('bad result')).rejects.toMatchObject({ errno: 4016 });
    expect(await rows(connection, 'select 1')).toEqual([{ 1: '1' }]);
  });

  it('without CLIENT_MULTI_STATEMENTS a trailing semicolon is fine and two statements are 1149', async () => {
    expect(await rows(connection, 'select 1;  \n')).toEqual([{ 1: '1' }]);
    await expect(connection.query('select 2; select 3')).rejects.toMatchObject({ errno: 1149 });
  });

  it('answers an empty query with 1065', async () => {
    await expect(connection.query(' ; ')).rejects.toMatchObject({ errno: 1065, sqlState: '42000' });
  });

  it('answers ping', async () => {
    await expect(connection.ping()).resolves.toBe(true);
  });

  it('refuses the prepared-statement protocol with 1295', async () => {
    await expect(connection.execute('select 1')).rejects.toMatchObject({
      errno: 1295,
      sqlState: 'HY000',
    });
    expect(await rows(connection, 'select 1')).toEqual([{ 1: '1' }]);
  });

  it('keeps sequence ids in order over many queries', async () => {
    for (let i = 0; i < 300; i++) {
      const sql = i % 3 === 0 ? 'select 1' : i % 3 === 1 ? 'insert x' : `echo ${i}`;
      await connection.query(sql);
    }
    await expect(connection.query('fail 9040 HY000')).rejects.toMatchObject({ errno: 9040 });
    expect(await rows(connection, 'select 1')).toEqual([{ 1: '1' }]);
    expect(printed).toEqual([]);
    expect(processWarnings).toEqual([]);
  });

  it('turns Nagle off on every accepted socket, so small replies are not held back 40 ms (timings: bench/)', async () => {
    const serverSide: boolean[] = [];
    const spy = vi.spyOn(Socket.prototype, 'setNoDelay').mockImplementation(function (
      this: Socket,
      noDelay?: boolean,
    ) {
      if (this.localPort === port) serverSide.push(noDelay ?? true);
      return this;
    });
    try {
      const extra = await mysql.createConnection(options());
      await extra.query('select 1');
      await extra.end();
    } finally {
      spy.mockRestore();
    }
    expect(serverSide).toEqual([true]);
  });

  it('streams a 100,000-row result completely', async () => {
    const result = await rows(connection, 'select rows 100000');
    expect(result).toHaveLength(100_000);
    expect(result[0]).toEqual({ i: 0, label: 'row-0', scn: '1700000000000000000' });
    expect(result[99_999]).toEqual({ i: 99_999, label: 'row-99999', scn: '1700000000000099999' });
  });

  it('splits a cell larger than 16 MiB over several packets', async () => {
    const size = 16 * 1024 * 1024 + 100;
    const [[row]] = await connection.query<RowDataPacket[]>(`select big ${size}`);
    expect((row?.big as string).length).toBe(size);
    expect(await rows(connection, 'select 1')).toEqual([{ 1: '1' }]);
  });
});

describe('multi-statements', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await connect({ multipleStatements: true });
  });

  it('returns one result per statement', async () => {
    const [results] = await connection.query<RowDataPacket[][]>(
      'select 1; select empty;\n insert x;',
    );
    expect(results).toHaveLength(3);
    expect(results[0]).toEqual([{ 1: '1' }]);
    expect(results[1]).toEqual([]);
    expect(results[2]).toMatchObject({ affectedRows: 3, insertId: 42 });
  });

  it('splits only on semicolons outside quotes and comments', async () => {
    const sql = [
      "select 'a;b''c\\';'",
      'select "d;e", `f;g`',
      '-- a comment; still a comment\nselect 2 # another; comment\n',
      '/* block; comment */ select 3',
      '/* only a comment; */',
      '',
    ].join(';');
    const [results] = await connection.query<RowDataPacket[][]>(sql);
    expect(results.map((result): unknown => result[0]?.sql)).toEqual([
      "select 'a;b''c\\';'",
      'select "d;e", `f;g`',
      '-- a comment; still a comment\nselect 2 # another; comment',
      '/* block; comment */ select 3',
    ]);
  });

  it('stops at the first error and sends it last', async () => {
    const session = backend.sessions.at(-1);
    await expect(connection.query('select 1; fail 1227 42501; select 2')).rejects.toMatchObject({
      errno: 1227,
      sqlState: '42501',
    });
    expect(session?.executed.slice(-2)).toEqual(['select 1', 'fail 1227 42501']);
    const [results] = await connection.query<RowDataPacket[][]>('select 1; select 1');
    expect(results).toEqual([[{ 1: '1' }], [{ 1: '1' }]]);
  });
});

describe('connections', () => {
  it('serves 20 parallel connections', async () => {
    const connections = await Promise.all(Array.from({ length: 20 }, () => connect()));
    const answers = await Promise.all(
      connections.map(async (connection, i) => {
        const [[row]] = await connection.query<RowDataPacket[]>(`echo ${i}`);
        return row?.sql as string;
      }),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `echo ${i}`));
    await Promise.all(connections.map((connection) => connection.end()));
  });

  it('survives clients that vanish mid-query and mid-result', async () => {
    const survivor = await connect();
    const before = backend.sessions.length;
    const [waiting, streaming] = await Promise.all([connect(), connect()]);
    const vanished = backend.sessions.slice(before);
    // mysql2 never settles a query whose connection was destroy()ed, so nothing awaits these.
    void waiting.query('sleep 30').catch(() => undefined);
    void streaming.query('select rows 200000').catch(() => undefined);
    await waitFor(() => vanished.every((session) => session.executed.length > 0));
    waiting.destroy();
    streaming.destroy();
    await waitFor(() => vanished.every((session) => session.closeCount === 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await rows(survivor, 'select 1')).toEqual([{ 1: '1' }]);
    for (const connection of [waiting, streaming])
      openConnections.splice(openConnections.indexOf(connection), 1);
  });

  it('closes each session exactly once, however the connection ends', async () => {
    const before = backend.sessions.length;
    const quitting = await connect();
    const destroyed = await connect();
    const dropped = await connect();
    const ended = [quitting, destroyed, dropped];
    const sessions = backend.sessions.slice(before);
    await quitting.end();
    destroyed.destroy();
    dropped.on('error', () => undefined);
    await waitFor(() => (sessions[0]?.closeCount ?? 0) + (sessions[1]?.closeCount ?? 0) === 2);
    server.dropAllConnections();
    await waitFor(() => sessions.every((session) => session.closeCount === 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sessions.map((session) => session.closeCount)).toEqual([1, 1, 1]);
    for (const connection of ended) openConnections.splice(openConnections.indexOf(connection), 1);
  });

  it('makes a pooled client see the drop once, then reconnect', async () => {
    const pool = mysql.createPool({ ...options(), connectionLimit: 2 });
    try {
      expect((await pool.query<RowDataPacket[]>('select 1'))[0]).toEqual([{ 1: '1' }]);
      const totalBefore = server.stats().totalConnections;
      expect(server.dropAllConnections()).toBeGreaterThanOrEqual(1);
      expect(server.stats().openConnections).toBe(0);
      await expect(pool.query('select 1')).rejects.toMatchObject({
        code: expect.stringMatching(/^(PROTOCOL_CONNECTION_LOST|ECONNRESET|EPIPE)$/),
      });
      expect((await pool.query<RowDataPacket[]>('select 1'))[0]).toEqual([{ 1: '1' }]);
      expect(server.stats()).toEqual({ openConnections: 1, totalConnections: totalBefore + 1 });
    } finally {
      await pool.end();
    }
  });

  it('counts open and total connections', async () => {
    const own = createProtocolServer(new FakeBackend());
    const ownPort = await own.listen();
    try {
      expect(own.stats()).toEqual({ openConnections: 0, totalConnections: 0 });
      const a = await mysql.createConnection({ ...options(), port: ownPort });
      const b = await mysql.createConnection({ ...options(), port: ownPort });
      expect(own.stats()).toEqual({ openConnections: 2, totalConnections: 2 });
      await a.end();
      await waitFor(() => own.stats().openConnections === 1);
      b.on('error', () => undefined);
      expect(own.dropAllConnections()).toBe(1);
      expect(own.stats()).toEqual({ openConnections: 0, totalConnections: 2 });
    } finally {
      await own.close();
    }
  });

  it('closes every session when the server closes', async () => {
    const own = new FakeBackend();
    const other = createProtocolServer(own, { logger: () => undefined });
    const otherPort = await other.listen();
    const clients = await Promise.all(
      [0, 1].map(() => mysql.createConnection({ ...options(), port: otherPort })),
    );
    for (const client of clients) client.on('error', () => undefined);
    await other.close();
    expect(own.sessions.map((session) => session.closeCount)).toEqual([1, 1]);
    await expect(clients[0]?.query('select 1')).rejects.toBeDefined();
  });
});

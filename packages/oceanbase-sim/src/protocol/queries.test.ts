import { Socket } from 'node:net';
import mysql from 'mysql2/promise';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection, FieldPacket, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { useFakeServer } from './test-helpers/fake-server.js';

const fx = useFakeServer();
const { backend, logged, printed, processWarnings, options, connect, rows } = fx;

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
      if (this.localPort === fx.port) serverSide.push(noDelay ?? true);
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

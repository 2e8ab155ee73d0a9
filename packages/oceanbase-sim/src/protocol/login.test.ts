import { describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { useFakeServer } from './test-helpers/fake-server.js';

const fx = useFakeServer();
const { backend, logged, connect, rows, loginError } = fx;

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

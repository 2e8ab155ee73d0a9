import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { createProtocolServer } from './server.js';
import { FakeBackend } from './test-helpers/fake-backend.js';
import { useFakeServer } from './test-helpers/fake-server.js';

const fx = useFakeServer();
const { backend, options, connect, forget, rows, waitFor } = fx;

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
    for (const connection of [waiting, streaming]) forget(connection);
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
    fx.server.dropAllConnections();
    await waitFor(() => sessions.every((session) => session.closeCount === 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sessions.map((session) => session.closeCount)).toEqual([1, 1, 1]);
    for (const connection of ended) forget(connection);
  });

  it('makes a pooled client see the drop once, then reconnect', async () => {
    const pool = mysql.createPool({ ...options(), connectionLimit: 2 });
    try {
      expect((await pool.query<RowDataPacket[]>('select 1'))[0]).toEqual([{ 1: '1' }]);
      const totalBefore = fx.server.stats().totalConnections;
      expect(fx.server.dropAllConnections()).toBeGreaterThanOrEqual(1);
      expect(fx.server.stats().openConnections).toBe(0);
      await expect(pool.query('select 1')).rejects.toMatchObject({
        code: expect.stringMatching(/^(PROTOCOL_CONNECTION_LOST|ECONNRESET|EPIPE)$/),
      });
      expect((await pool.query<RowDataPacket[]>('select 1'))[0]).toEqual([{ 1: '1' }]);
      expect(fx.server.stats()).toEqual({ openConnections: 1, totalConnections: totalBefore + 1 });
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

import mysql from 'mysql2/promise';
import type { Connection, ConnectionOptions, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { createProtocolServer } from '../server.js';
import type { ProtocolServer } from '../server.js';
import { FakeBackend } from './fake-backend.js';

export interface FakeServer {
  readonly backend: FakeBackend;
  /** What the protocol server logged. */
  readonly logged: string[];
  /** Every warning mysql2 prints (on either side) about sequence ids goes through console.error. */
  readonly printed: string[];
  readonly processWarnings: Error[];
  readonly server: ProtocolServer;
  readonly port: number;
  options: (extra?: ConnectionOptions) => ConnectionOptions;
  /** A mysql2 connection as root@sys, ended after the file's tests. */
  connect: (extra?: ConnectionOptions) => Promise<Connection>;
  /** A connection the test ended or destroyed itself: not ended again at the end. */
  forget: (connection: Connection) => void;
  rows: (connection: Connection, sql: string) => Promise<RowDataPacket[]>;
  loginError: (
    extra: ConnectionOptions,
  ) => Promise<{ errno?: number; sqlState?: string; message: string }>;
  waitFor: (condition: () => boolean) => Promise<void>;
}

/**
 * The protocol server over a FakeBackend for one test file: started before its tests, and at the
 * end every session must have been closed exactly once; no test may make mysql2 print a
 * sequence-id warning.
 */
export function useFakeServer(): FakeServer {
  const backend = new FakeBackend();
  const logged: string[] = [];
  const printed: string[] = [];
  const processWarnings: Error[] = [];
  const onProcessWarning = (warning: Error) => processWarnings.push(warning);
  const openConnections: Connection[] = [];
  let server: ProtocolServer | undefined;
  let port = 0;

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
    await server?.close();
    expect(backend.sessions.filter((session) => session.closeCount !== 1)).toEqual([]);
    process.off('warning', onProcessWarning);
    vi.restoreAllMocks();
  });

  afterEach(() => {
    expect(printed.filter((line) => /out of order/i.test(line))).toEqual([]);
  });

  const options = (extra: ConnectionOptions = {}): ConnectionOptions => ({
    host: '127.0.0.1',
    port,
    user: 'root@sys',
    password: 'secret',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    ...extra,
  });

  return {
    backend,
    logged,
    printed,
    processWarnings,
    get server() {
      if (!server) throw new Error('the protocol server is not started yet');
      return server;
    },
    get port() {
      return port;
    },
    options,
    connect: async (extra = {}) => {
      const connection = await mysql.createConnection(options(extra));
      openConnections.push(connection);
      return connection;
    },
    forget: (connection) => {
      const at = openConnections.indexOf(connection);
      if (at !== -1) openConnections.splice(at, 1);
    },
    rows: async (connection, sql) => {
      const [result] = await connection.query<RowDataPacket[]>(sql);
      return result;
    },
    loginError: async (extra) => {
      const error: unknown = await mysql.createConnection(options(extra)).then(
        () => new Error('login unexpectedly succeeded'),
        (err: unknown) => err,
      );
      return error as { errno?: number; sqlState?: string; message: string };
    },
    waitFor: async (condition) => {
      for (let i = 0; i < 200 && !condition(); i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(condition()).toBe(true);
    },
  };
}

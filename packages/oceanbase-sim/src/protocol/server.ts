import { createWireServer } from './mysql2-server.js';
import { ClientConnection } from './connection.js';
import { Stall } from '../control/stall.js';
import type { ProtocolBackend, ProtocolServerStats } from './types.js';

export interface ProtocolServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where internal errors go; console.error by default. */
  logger?: (msg: string) => void;
}

export interface ProtocolServer {
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops listening and destroys every client socket; resolves once all sessions are closed. */
  close(): Promise<void>;
  /**
   * Destroys every client socket now, so clients see a lost connection; returns how many.
   * With refuseMs, new connections are cut at once for that long, as while an observer restarts.
   */
  dropAllConnections(refuseMs?: number): number;
  /**
   * Freezes (true, optionally for `ms`) or thaws (false) the server: connections are accepted and
   * kept open, but nothing is read or answered until it thaws.
   */
  stall(on: boolean, ms?: number): void;
  readonly stalled: boolean;
  stats(): ProtocolServerStats;
}

export function createProtocolServer(
  backend: ProtocolBackend,
  options: ProtocolServerOptions = {},
): ProtocolServer {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const logger = options.logger ?? ((msg: string) => console.error(msg));
  const wire = createWireServer();
  const clients = new Set<ClientConnection>();
  let totalConnections = 0;
  let nextConnectionId = 1;
  let refuseUntil = 0;
  const stall = new Stall();

  // Accept errors (EMFILE and the like) would otherwise be thrown as unhandled 'error' events.
  wire._server.on('error', (err) => logger(`protocol server error: ${err.message}`));
  wire.on('connection', (connection) => {
    if (Date.now() < refuseUntil) {
      // Its close is reported as an 'error' event; unheard, that would crash the process.
      connection.on('error', () => undefined);
      connection.stream.destroy();
      return;
    }
    const held = stall.active;
    if (held) {
      // A frozen server sends no greeting: the client waits out its connect timeout.
      connection.on('error', () => undefined);
      connection.stream.on('error', () => undefined);
      connection.pause();
    }
    stall.hold(() => {
      if (connection.stream.destroyed) return;
      // Before the greeting: a paused connection would queue it and never send it.
      if (held) connection.resume();
      totalConnections++;
      const client = new ClientConnection(connection, backend, nextConnectionId++, logger, stall);
      clients.add(client);
      void client.closed.then(() => clients.delete(client));
    });
  });

  return {
    listen: () =>
      new Promise<number>((resolve, reject) => {
        const server = wire._server;
        server.once('error', reject);
        wire.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address !== null ? address.port : port);
        });
      }),
    close: async () => {
      stall.end();
      const stopped = new Promise<void>((resolve) => wire._server.close(() => resolve()));
      const sessionsClosed = [...clients].map((client) => {
        client.socket.destroy();
        return client.closed;
      });
      await Promise.all([stopped, ...sessionsClosed]);
    },
    dropAllConnections: (refuseMs = 0) => {
      refuseUntil = Date.now() + refuseMs;
      let dropped = 0;
      for (const client of clients) {
        if (client.socket.destroyed) continue;
        client.socket.destroy();
        dropped++;
      }
      return dropped;
    },
    stall: (on, ms) => {
      if (!on) return stall.end();
      stall.start(ms);
      for (const client of clients) client.freeze();
    },
    get stalled() {
      return stall.active;
    },
    stats: () => ({
      openConnections: [...clients].filter((client) => !client.socket.destroyed).length,
      totalConnections,
    }),
  };
}

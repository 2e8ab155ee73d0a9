import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ServerLimits {
  /** Time to receive a whole request, headers and body. Responses (event streams) are not cut. */
  requestTimeoutMs: number;
  /** Time to receive the request headers. */
  headersTimeoutMs: number;
  /** Open client sockets in all; beyond it the socket is refused with a 503. */
  maxConnections: number;
  /** Open client sockets from one peer address (a proxy in front counts as one peer). */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  maxConnections: 500,
  maxConnectionsPerAddress: 64,
};

const REFUSED = JSON.stringify({
  error: {
    code: 'TOO_MANY_CONNECTIONS',
    message:
      'The console has too many open connections (from your address or in all). Close other tabs or clients and try again.',
    params: {},
  },
});

/**
 * The console's HTTP server: slow or idle clients are cut by the request and header timeouts,
 * and socket caps keep a flood of them from exhausting the process's file descriptors (which
 * the embedded simulator shares), so a normal user is still served during such an attack.
 */
export function createConsoleServer(listener: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      // How often the two timeouts are checked (Node's default is 30 s).
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(1000, Math.floor(limits.headersTimeoutMs / 2)),
      ),
    },
    listener,
  );
  const perAddress = new Map<string, number>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const mine = (perAddress.get(address) ?? 0) + 1;
    if (open + 1 > limits.maxConnections || mine > limits.maxConnectionsPerAddress) {
      socket.on('error', () => undefined);
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(REFUSED)}\r\nConnection: close\r\n\r\n${REFUSED}`,
      );
      socket.destroySoon();
      return;
    }
    open += 1;
    perAddress.set(address, mine);
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  return server;
}

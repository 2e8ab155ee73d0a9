import { Router } from 'express';
import { connect } from 'node:net';
import type { HealthResponse } from '@obconsole/contracts';
import type { AppDeps } from '../../lib/deps.js';
import type { DbTarget } from '../../lib/db.js';

/**
 * Reachability without credentials: an OceanBase server (or OBProxy) greets every new
 * connection with a handshake packet, so receiving one means it is up.
 */
export function probeServer(target: DbTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

export function healthRouter(deps: AppDeps): Router {
  const r = Router();
  let cached: { at: number; up: boolean } | null = null;
  r.get('/api/health', async (_req, res) => {
    if (!cached || Date.now() - cached.at > 2000) {
      cached = {
        at: Date.now(),
        up: await probeServer(
          deps.options.target,
          Math.min(2000, deps.dbSettings.connectTimeoutMs),
        ),
      };
    }
    const body: HealthResponse = {
      status: 'ok',
      database: cached.up ? 'up' : 'down',
      simulated: deps.options.simulated ?? false,
      ...(cached.up
        ? {}
        : { unreachable: `${deps.options.target.host}:${deps.options.target.port}` }),
      ...(deps.options.simulated && deps.options.demoAccounts
        ? { demoAccounts: deps.options.demoAccounts }
        : {}),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return r;
}

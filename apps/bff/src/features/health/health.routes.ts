import { Router } from 'express';
import { connect } from 'node:net';
import { API, type HealthResponse } from '@obconsole/contracts';
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

const address = (t: DbTarget) => `${t.host}:${t.port}`;

export function healthRouter(deps: AppDeps): Router {
  const r = Router();
  const clusters = [...deps.clusters.values()];
  // Probes are cached briefly: a load balancer probing every second opens no socket storm.
  let cached: { at: number; up: boolean[] } | null = null;
  r.get(API.health, async (_req, res) => {
    if (!cached || Date.now() - cached.at > 2000) {
      const timeout = Math.min(2000, deps.dbSettings.connectTimeoutMs);
      cached = {
        at: Date.now(),
        up: await Promise.all(clusters.map((c) => probeServer(c.target, timeout))),
      };
    }
    const up = cached.up;
    const firstDown = clusters.find((_c, i) => !up[i]);
    const simulated = clusters.every((c) => c.simulated);
    // The first simulated cluster's demo logins, for clients that still read them here.
    const demo = clusters.find((c) => c.simulated)?.setting.demoAccounts;
    const body: HealthResponse = {
      status: 'ok',
      database: firstDown ? 'down' : 'up',
      simulated,
      ...(firstDown ? { unreachable: address(firstDown.target) } : {}),
      ...(simulated && demo ? { demoAccounts: demo } : {}),
      clusters: clusters.map((c, i) => ({
        id: c.id,
        database: up[i] ? 'up' : 'down',
        ...(up[i] ? {} : { unreachable: address(c.target) }),
      })),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return r;
}

import { Router } from 'express';
import { API, ReadyResponse } from '@obconsole/contracts';
import type { AppDeps } from '../lib/deps.js';
import { probeServer } from '../features/health/health.routes.js';

const PROBE_MS = 2000;

async function within<T>(p: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /api/health/ready, for the load balancer: this instance can serve when its store, its
 * Redis (several instances) and every cluster answer, and it is not shutting down. 503 with
 * the same body otherwise, saying which part is down.
 */
export function readyRouter(deps: AppDeps): Router {
  const r = Router();
  r.get(API.healthReady, async (_req, res) => {
    const clusters = [...deps.clusters.values()];
    const timeout = Math.min(PROBE_MS, deps.dbSettings.connectTimeoutMs);
    const redis = deps.options.shared?.redis.client;
    const [store, redisUp, ...up] = await Promise.all([
      within(deps.options.store.ping(), PROBE_MS),
      redis ? within(redis.ping(), PROBE_MS) : Promise.resolve(null),
      ...clusters.map((c) => probeServer(c.target, timeout)),
    ]);
    const draining = deps.lifecycle.draining;
    const body: ReadyResponse = {
      ready: !draining && store && redisUp !== false && up.every(Boolean),
      draining,
      store: store ? 'up' : 'down',
      redis: redisUp === null ? 'none' : redisUp ? 'up' : 'down',
      clusters: clusters.map((c, i) => ({ id: c.id, database: up[i] ? 'up' : 'down' })),
    };
    res
      .status(body.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(ReadyResponse.parse(body));
  });
  return r;
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { startSimulator } from '@obconsole/oceanbase-sim';
import { SecretBox } from '@obconsole/store';
import { buildServices, createApp, type AppOptions, type ConsoleApp } from '../app.js';
import type { ClusterSetting } from '../config-clusters.js';
import { createLogger } from '../lib/logger.js';
import { createConsoleServer, DEFAULT_SERVER_LIMITS } from '../lib/http-server.js';
import { EMBEDDED_CLUSTERS, SERVICE_USER, generatedServicePassword } from '../embedded-clusters.js';
import { tempStore, type TempStore } from '../testing/store.js';
import { openEventStream, type EventStream } from '../testing/sse.js';
import { connectRedis } from './redis-runtime.js';
import { prepareSharedState } from './seams.js';
import type { RedisLeases, RedisLeaseOptions } from './leases.js';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/** One console instance of the rig: its app, its socket, its log. */
export interface Instance {
  index: number;
  app: ConsoleApp;
  server: Server;
  url: string;
  logs: string[];
  alive: boolean;
}

/** A parsed JSON answer: an error's code, or whatever the route returns. */
export type ApiBody = { error?: { code?: string } } & Record<string, unknown>;

/** A browser: one cookie jar, sending each request to whichever instance it is told. */
export interface Browser {
  request(
    instance: number,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: ApiBody; text: string }>;
  events(instance: number, path: string, lastEventId?: string): EventStream;
  cookie(): string;
}

export interface Rig {
  sim: Simulator;
  clusterId: string;
  instances: Instance[];
  store: TempStore;
  browser(): Browser;
  /** What `kill -9` leaves: the instance stops at once, hands back no lease, ends no session. */
  kill(index: number): Promise<void>;
  /** What SIGTERM does: drains, hands its leases back, closes its own connections. */
  stop(index: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * N console instances on one simulator (manual clock), one Redis and one store (a SQLite file
 * unless the caller passes one, e.g. on MariaDB), each its own composition root and socket.
 */
export async function startInstances(opts: {
  count: number;
  redisUrl: string;
  leaseOptions?: RedisLeaseOptions;
  app?: Partial<AppOptions>;
  /** The shared store (default: one SQLite file opened by every instance). */
  store?: TempStore;
}): Promise<Rig> {
  const spec = EMBEDDED_CLUSTERS[0]!;
  const servicePassword = generatedServicePassword();
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    controlPort: 0,
    manualClock: true,
    seed: 42,
    tenants: spec.tenants,
    accounts: [
      ...spec.accounts,
      { user: SERVICE_USER, tenant: 'sys', password: servicePassword.reveal(), role: 'admin' },
    ],
  });
  const setting: ClusterSetting = {
    id: spec.id,
    name: spec.name,
    target: { host: '127.0.0.1', port: sim.sqlPort },
    simulated: true,
    serviceAccount: { user: SERVICE_USER, tenant: 'sys', password: servicePassword },
  };
  const store = opts.store ?? (await tempStore());
  const box = new SecretBox([randomBytes(32)]);
  const prefix = `t${randomBytes(4).toString('hex')}:`;
  const instances: Instance[] = [];
  for (let index = 0; index < opts.count; index++) {
    const logs: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          logs.push(chunk.toString('utf8'));
          cb();
        },
      }),
    );
    const redis = await connectRedis({ url: opts.redisUrl, prefix }, logger);
    const shared = await prepareSharedState(redis, box, logger, {
      leaseOptions: opts.leaseOptions,
      idempotencyOptions: { pollMs: 20 },
    });
    const app = createApp(
      buildServices({
        clusters: [setting],
        store: index === 0 ? store.store : await store.another(),
        sessionSecret: 'test-secret-that-is-long-enough-0123456789',
        logger,
        pollIntervals: { activeMs: 100, idleMs: 200 },
        heartbeatMs: 300,
        readBackTimeoutMs: 1000,
        loginRateLimit: { max: 1000, windowMs: 60_000 },
        db: { connectTimeoutMs: 1000, queryTimeoutMs: 5000 },
        shared,
        ...opts.app,
      }),
    );
    const server = createConsoleServer(app.app, {
      ...DEFAULT_SERVER_LIMITS,
      maxConnectionsPerAddress: 10_000,
      maxConnections: 10_000,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    instances.push({ index, app, server, url, logs, alive: true });
    const closeRedis = () => redis.close();
    closers.set(app, closeRedis);
  }

  async function stop(i: Instance, crash: boolean): Promise<void> {
    if (!i.alive) return;
    i.alive = false;
    if (crash) await (i.app.deps.leases as RedisLeases).abandon();
    i.server.closeAllConnections();
    await new Promise<void>((resolve) => i.server.close(() => resolve()));
    await i.app.close();
    await closers.get(i.app)?.();
  }

  return {
    sim,
    clusterId: spec.id,
    instances,
    store,
    browser: () => browser(instances),
    kill: (index) => stop(instances[index]!, true),
    stop: (index) => {
      instances[index]!.app.deps.lifecycle.drain();
      return stop(instances[index]!, false);
    },
    async close() {
      for (const i of instances) await stop(i, false);
      await store.cleanup();
      await sim.close();
    },
  };
}

const closers = new WeakMap<ConsoleApp, () => Promise<void>>();

function browser(instances: Instance[]): Browser {
  let jar = '';
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (/expires=Thu, 01 Jan 1970/i.test(c)) jar = '';
      else jar = pair!;
    }
  };
  return {
    cookie: () => jar,
    async request(index, method, path, body, headers = {}) {
      const i = instances[index]!;
      const res = await fetch(`${i.url}${path}`, {
        method,
        headers: {
          Origin: i.url,
          ...(jar ? { cookie: jar } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      keep(res);
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      return { status: res.status, body: (parsed ?? {}) as ApiBody, text };
    },
    events(index, path, lastEventId) {
      const i = instances[index]!;
      return openEventStream(`${i.url}${path}`, jar, [], lastEventId);
    },
  };
}

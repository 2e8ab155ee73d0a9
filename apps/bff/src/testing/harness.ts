import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import mysql from 'mysql2/promise';
import { startSimulator } from '@obconsole/oceanbase-sim';
import { clusterApi, type ClusterRoute } from '@obconsole/contracts';
import { tempStore, type TempStore } from './store.js';
import { buildServices, createApp, type AppOptions, type ConsoleApp } from '../app.js';
import type { ClusterSetting } from '../config-clusters.js';
import type { ClusterRuntime } from '../lib/deps.js';
import { createLogger } from '../lib/logger.js';
import {
  createConsoleServer,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
} from '../lib/http-server.js';
import {
  EMBEDDED_CLUSTERS,
  SERVICE_USER,
  dataFileFor,
  generatedServicePassword,
} from '../embedded-clusters.js';
import { openEventStream, type EventStream } from './sse.js';

export { findSecretLeaks, passwdHash, secretForms } from './secrets.js';
export type { EventStream } from './sse.js';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

export const PASSWORD = 'oceanbase';
/** The clusters of a two-cluster harness: the embedded default's ids, tenants and accounts. */
export const HZ = 'obcluster-hz';
export const SH = 'obcluster-sh';
/** The default (first) cluster's base path, for tests that name a route with its query string. */
export const C = `/api/clusters/${HZ}`;

export interface Harness {
  /** The first cluster's simulator now running; replaced by restartSim(). */
  readonly sim: Simulator;
  /** Every cluster's simulator, by cluster id. */
  simOf(clusterId: string): Simulator;
  /** Cluster ids, first the default one that path helpers use when none is named. */
  clusterIds: string[];
  app: ConsoleApp;
  /** The console's store (a temporary SQLite file), to read the audit trail as stored. */
  store: TempStore;
  server: Server;
  baseUrl: string;
  /** Every log line the BFF wrote, for secret scans. */
  logs: string[];
  /** Every response body the tests received through agents made here. */
  bodies: string[];
  clock: { now: number; advance(ms: number): void };
  /** A cluster's path from the contract (default: the first cluster). */
  api(route: ClusterRoute, params?: Record<string, string | number>, clusterId?: string): string;
  /** The composition root's runtime of a cluster (default: the first). */
  cluster(clusterId?: string): ClusterRuntime;
  agent(): supertest.Agent;
  /** Signs in to a cluster, with a new agent or with `agent` (one browser, several sign-ins). */
  login(
    user: string,
    tenant: string,
    password?: string,
    opts?: { cluster?: string; agent?: supertest.Agent },
  ): Promise<supertest.Agent>;
  /** A direct SQL connection to a simulator, as a person at obclient would have. */
  sql(user?: string, tenant?: string, clusterId?: string): Promise<mysql.Connection>;
  /** The cookie header an agent sends, for clients that are not supertest (fetch, SSE). */
  cookie(agent: supertest.Agent): string;
  /** Opens GET .../events of a cluster for an agent's session and collects every chunk received. */
  events(agent: supertest.Agent, clusterId?: string): EventStream;
  /** Stops a cluster's simulator (default: the first), as if the observer were killed. */
  stopSim(clusterId?: string): Promise<void>;
  /** Starts it again on the same port (and data file, when one was given). */
  restartSim(clusterId?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real BFF over a real socket against real simulators (manual clocks): what every route
 * test runs on. One cluster by default (obcluster-hz's tenants and accounts); `clusters: 2`
 * adds obcluster-sh as the embedded default has it. Origin headers are set as a browser on the
 * console's page would set them.
 */
export async function startHarness(
  opts: {
    clusters?: 1 | 2;
    simulator?: Partial<SimOptions>;
    app?: Partial<AppOptions>;
    server?: Partial<ServerLimits>;
  } = {},
): Promise<Harness> {
  const specs = EMBEDDED_CLUSTERS.slice(0, opts.clusters ?? 1);
  const sims = new Map<string, Simulator | null>();
  const simOptions = new Map<string, SimOptions>();
  const settings: ClusterSetting[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const password = generatedServicePassword();
      const o: SimOptions = {
        host: '127.0.0.1',
        port: 0,
        controlPort: 0,
        manualClock: true,
        seed: 42 + i,
        tenants: spec.tenants,
        accounts: [
          ...spec.accounts,
          { user: SERVICE_USER, tenant: 'sys', password: password.reveal(), role: 'admin' },
        ],
        ...opts.simulator,
        dataFile:
          i === 0 ? opts.simulator?.dataFile : dataFileFor(opts.simulator?.dataFile, spec.id),
      };
      const sim = await startSimulator(o);
      simOptions.set(spec.id, { ...o, port: sim.sqlPort });
      sims.set(spec.id, sim);
      settings.push({
        id: spec.id,
        name: spec.name,
        target: { host: '127.0.0.1', port: sim.sqlPort },
        simulated: true,
        demoAccounts: spec.demoAccounts,
        serviceAccount: { user: SERVICE_USER, tenant: 'sys', password },
      });
    }
  } catch (e) {
    await Promise.all([...sims.values()].flatMap((s) => (s ? [s.close()] : [])));
    throw e;
  }
  const ids = specs.map((s) => s.id);
  const first = ids[0]!;
  const simOf = (id: string): Simulator => {
    const s = sims.get(id);
    if (!s) throw new Error(`the simulator of ${id} is stopped or unknown`);
    return s;
  };
  const logs: string[] = [];
  const bodies: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const storeDir = await tempStore();
  const app = createApp(
    buildServices({
      clusters: settings,
      store: storeDir.store,
      sessionSecret: 'test-secret-that-is-long-enough-0123456789',
      logger: createLogger('debug', stream),
      pollIntervals: { activeMs: 100, idleMs: 200 },
      heartbeatMs: 300,
      readBackTimeoutMs: 1000,
      loginRateLimit: { max: 1000, windowMs: 60_000 },
      // A handshake with the simulator takes a few ms, but twenty at once on a loaded machine (the
      // suite beside the browser journeys) once took more than a second; tests of a frozen or
      // refusing database set their own timeouts.
      db: { connectTimeoutMs: 5000, queryTimeoutMs: 5000 },
      now: () => clock.now,
      ...opts.app,
    }),
  );
  const server = createConsoleServer(app.app, {
    ...DEFAULT_SERVER_LIMITS,
    // Every test client shares 127.0.0.1; tests of the per-address cap set their own.
    maxConnectionsPerAddress: 10_000,
    maxConnections: 10_000,
    ...opts.server,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api = (route: ClusterRoute, params?: Record<string, string | number>, clusterId = first) =>
    clusterApi(clusterId, route, params);
  const agent = () =>
    supertest
      .agent(server)
      .set('Origin', baseUrl)
      // Every body any test receives is kept for the secret scans.
      .use((req: { on(event: 'response', cb: (res: { text?: string }) => void): void }) => {
        req.on('response', (res: { text?: string }) => bodies.push(res.text ?? ''));
      });
  const login: Harness['login'] = async (user, tenant, password = PASSWORD, o = {}) => {
    const a = o.agent ?? agent();
    const cluster = o.cluster ?? first;
    const res = await a.post(api('session', {}, cluster)).send({ user, tenant, password });
    if (res.status !== 200)
      throw new Error(`login ${user}@${tenant} on ${cluster} failed: ${res.status} ${res.text}`);
    return a;
  };
  const connections: mysql.Connection[] = [];
  const sql = async (user = 'root', tenant = 'sys', clusterId = first) => {
    const c = await mysql.createConnection({
      host: '127.0.0.1',
      port: simOptions.get(clusterId)!.port!,
      user: `${user}@${tenant}`,
      password: PASSWORD,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
    connections.push(c);
    return c;
  };
  const cookie = (a: supertest.Agent) =>
    (a as unknown as { jar: { getCookies(o: object): { toValueString(): string }[] } }).jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .map((c) => c.toValueString())
      .join('; ');
  return {
    get sim() {
      return simOf(first);
    },
    simOf,
    clusterIds: ids,
    app,
    server,
    baseUrl,
    logs,
    bodies,
    clock,
    api,
    cluster: (id = first) => {
      const c = app.deps.clusters.get(id);
      if (!c) throw new Error(`no cluster ${id}`);
      return c;
    },
    agent,
    login,
    sql,
    cookie,
    events: (a, clusterId = first) =>
      openEventStream(`${baseUrl}${api('events', {}, clusterId)}`, cookie(a), bodies),
    stopSim: async (id = first) => {
      const s = simOf(id);
      sims.set(id, null);
      await s.close();
    },
    restartSim: async (id = first) => {
      if (sims.get(id)) throw new Error(`the simulator of ${id} is already running`);
      sims.set(id, await startSimulator(simOptions.get(id)));
    },
    store: storeDir,
    close: async () => {
      await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
      await app.close();
      await storeDir.cleanup();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...sims.values()].flatMap((s) => (s ? [s.close()] : [])));
    },
  };
}

/** Reads a response body as text whatever its type (CSV, event streams). */
export function asText(req: supertest.Test): supertest.Test {
  return req.buffer(true).parse((res, cb) => {
    let data = '';
    res.on('data', (chunk: Buffer) => (data += chunk.toString()));
    res.on('end', () => cb(null, data));
  });
}

/** Runs the simulator's clock forward in steps, as the job engine expects. */
export function advance(sim: Simulator, seconds: number, step = 5): void {
  for (let done = 0; done < seconds; done += step) {
    sim.control.advance(Math.min(step, seconds - done));
  }
}

/** Drives the simulator's clock until no backup is running for the agent's account. */
export async function runToEnd(h: Harness, a: supertest.Agent): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await a.get(`${C}/backups/active`).expect(200);
    if ((res.body as { jobs: unknown[] }).jobs.length === 0) return;
    advance(h.sim, 30);
  }
  throw new Error('the backup did not finish');
}

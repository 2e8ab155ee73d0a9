import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import mysql from 'mysql2/promise';
import { startSimulator } from '@obconsole/oceanbase-sim';
import { createApp, type AppOptions, type ConsoleApp } from '../app.js';
import { createLogger } from '../lib/logger.js';
import {
  createConsoleServer,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
} from '../lib/http-server.js';
import { literalForms } from '../lib/redact.js';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

export const PASSWORD = 'oceanbase';

export interface Harness {
  /** The simulator now running; replaced by restartSim(). */
  readonly sim: Simulator;
  app: ConsoleApp;
  server: Server;
  baseUrl: string;
  /** Every log line the BFF wrote, for secret scans. */
  logs: string[];
  /** Every response body the tests received through agents made here. */
  bodies: string[];
  clock: { now: number; advance(ms: number): void };
  agent(): supertest.Agent;
  login(user: string, tenant: string, password?: string): Promise<supertest.Agent>;
  /** A direct SQL connection to the simulator, as a person at obclient would have. */
  sql(user?: string, tenant?: string): Promise<mysql.Connection>;
  /** The cookie header an agent sends, for clients that are not supertest (fetch, SSE). */
  cookie(agent: supertest.Agent): string;
  /** Opens GET /api/events for an agent's session and collects every chunk received. */
  events(agent: supertest.Agent): EventStream;
  /** Stops the simulator, as if the observer were killed. */
  stopSim(): Promise<void>;
  /** Starts the simulator again on the same port (and data file, when one was given). */
  restartSim(): Promise<void>;
  close(): Promise<void>;
}

export interface EventStream {
  readonly text: () => string;
  /** The SSE events received so far, in order. */
  readonly events: () => { event: string; data: string }[];
  /** True once the server ended the stream. */
  readonly ended: () => boolean;
  close(): void;
}

/**
 * The real BFF over a real socket against a real simulator (manual clock): what every route
 * test runs on. Origin headers are set as a browser on the console's page would set them.
 */
export async function startHarness(
  opts: {
    simulator?: Partial<SimOptions>;
    app?: Partial<AppOptions>;
    server?: Partial<ServerLimits>;
  } = {},
): Promise<Harness> {
  const simOptions: SimOptions = {
    host: '127.0.0.1',
    port: 0,
    controlPort: 0,
    manualClock: true,
    seed: 42,
    ...opts.simulator,
  };
  let sim: Simulator | null = await startSimulator(simOptions);
  const sqlPort = sim.sqlPort;
  const running = (): Simulator => {
    if (!sim) throw new Error('the simulator is stopped');
    return sim;
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
  const app = createApp({
    target: { host: '127.0.0.1', port: sqlPort },
    sessionSecret: 'test-secret-that-is-long-enough-0123456789',
    logger: createLogger('debug', stream),
    simulated: true,
    pollIntervals: { activeMs: 100, idleMs: 200 },
    heartbeatMs: 300,
    readBackTimeoutMs: 1000,
    loginRateLimit: { max: 1000, windowMs: 60_000 },
    db: { connectTimeoutMs: 1000, queryTimeoutMs: 5000 },
    now: () => clock.now,
    ...opts.app,
  });
  const server = createConsoleServer(app.app, {
    ...DEFAULT_SERVER_LIMITS,
    // Every test client shares 127.0.0.1; tests of the per-address cap set their own.
    maxConnectionsPerAddress: 10_000,
    maxConnections: 10_000,
    ...opts.server,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const agent = () =>
    supertest
      .agent(server)
      .set('Origin', baseUrl)
      // Every body any test receives is kept for the secret scans.
      .use((req: { on(event: 'response', cb: (res: { text?: string }) => void): void }) => {
        req.on('response', (res: { text?: string }) => bodies.push(res.text ?? ''));
      });
  const login = async (user: string, tenant: string, password = PASSWORD) => {
    const a = agent();
    const res = await a.post('/api/session').send({ user, tenant, password });
    if (res.status !== 200)
      throw new Error(`login ${user}@${tenant} failed: ${res.status} ${res.text}`);
    return a;
  };
  const connections: mysql.Connection[] = [];
  const sql = async (user = 'root', tenant = 'sys') => {
    const c = await mysql.createConnection({
      host: '127.0.0.1',
      port: sqlPort,
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
  const events = (a: supertest.Agent): EventStream => {
    const ctl = new AbortController();
    const chunks: string[] = [];
    let ended = false;
    void fetch(`${baseUrl}/api/events`, { headers: { cookie: cookie(a) }, signal: ctl.signal })
      .then(async (res) => {
        if (!res.body) return;
        const reader = res.body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            ended = true;
            return;
          }
          const chunk = Buffer.from(value).toString('utf8');
          chunks.push(chunk);
          bodies.push(chunk);
        }
      })
      .catch(() => undefined);
    const text = () => chunks.join('');
    return {
      text,
      events: () =>
        text()
          .split('\n\n')
          .map((block) => ({
            event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
            data: /^data: (.*)$/m.exec(block)?.[1] ?? '',
          }))
          .filter((e) => e.data !== ''),
      ended: () => ended,
      close: () => ctl.abort(),
    };
  };
  return {
    get sim() {
      return running();
    },
    app,
    server,
    baseUrl,
    logs,
    bodies,
    clock,
    agent,
    login,
    sql,
    cookie,
    events,
    stopSim: async () => {
      const s = running();
      sim = null;
      await s.close();
    },
    restartSim: async () => {
      if (sim) throw new Error('the simulator is already running');
      sim = await startSimulator({ ...simOptions, port: sqlPort });
    },
    close: async () => {
      await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim?.close();
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

/**
 * Every form a secret could take in captured text: as typed, as a MySQL or an Oracle string
 * literal, and each of those as it reads inside JSON (log lines and bodies are JSON).
 */
export function secretForms(secret: string): string[] {
  const literals = literalForms(secret);
  const json = literals.map((l) => JSON.stringify(l).slice(1, -1));
  return [...new Set([...literals, ...json])];
}

/** Every captured log line or response body that contains a secret, in any of its forms. */
export function findSecretLeaks(h: Harness, secrets: string[]): string[] {
  const haystack = [...h.logs, ...h.bodies];
  return secrets.flatMap((s) =>
    secretForms(s).flatMap((form) =>
      haystack
        .filter((line) => line.includes(form))
        .map((line) => `${s} (as ${form}) in: ${line.slice(0, 300)}`),
    ),
  );
}

/**
 * What OceanBase keeps in PASSWD for a backup password: '*' + lower-case hex of SHA1(SHA1(p)).
 * Tests compare PASSWD with it to check that the password reached the server byte for byte.
 */
export function passwdHash(password: string): string {
  const stage1 = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(stage1).digest('hex')}`;
}

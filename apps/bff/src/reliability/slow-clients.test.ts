import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, startHarness, type Harness } from '../testing/harness.js';
import { ConfigError, loadConfig } from '../config.js';
import { createConsoleServer, DEFAULT_SERVER_LIMITS } from '../lib/http-server.js';

const ATTACKERS = 300;
const PER_ADDRESS = 40;

/**
 * Slow-body and slow-header clients without a login (slowloris): they are cut by the request
 * and header timeouts and capped per address, so a normal user is still served meanwhile.
 * The attackers come from 127.0.0.2, the user from 127.0.0.1 (both loopback on Linux).
 */
describe('slow and trickling clients', () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startHarness({
      server: {
        requestTimeoutMs: 1500,
        headersTimeoutMs: 1000,
        maxConnections: 1000,
        maxConnectionsPerAddress: PER_ADDRESS,
      },
    });
    port = Number(new URL(h.baseUrl).port);
  });
  afterAll(async () => {
    await h.close();
  });

  const ended = new WeakSet<Socket>();
  const isEnded = (s: Socket) => ended.has(s);

  function trickle(kind: 'headers' | 'body'): Promise<Socket> {
    return new Promise((resolve) => {
      const s = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
      s.on('error', () => undefined);
      // Read whatever the server answers, so its close is seen.
      s.resume();
      s.on('end', () => ended.add(s));
      s.on('close', () => ended.add(s));
      s.on('connect', () => {
        s.write(
          kind === 'headers'
            ? 'POST /api/clusters/obcluster-hz/session HTTP/1.1\r\nHost: x\r\nX-Slow: '
            : 'POST /api/clusters/obcluster-hz/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"user":',
        );
        resolve(s);
      });
    });
  }

  it(
    '300 trickling sockets: a normal user logs in and reads, the excess is refused, the rest are cut by the timeouts',
    { timeout: 60_000 },
    async () => {
      const sockets = await Promise.all(
        Array.from({ length: ATTACKERS }, (_, i) => trickle(i % 2 ? 'headers' : 'body')),
      );
      const closed = () => sockets.filter(isEnded).length;
      // Beyond the per-address cap the server refuses at once.
      await expect
        .poll(closed, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(ATTACKERS - PER_ADDRESS);
      const user = await h.login('root', 'sys');
      await user.get(`${C}/tenants`).expect(200);
      await user.get(`${C}/backups/history?limit=5`).expect(200);
      // The ones within the cap get no time beyond the header/request timeouts.
      await expect.poll(closed, { timeout: 20_000 }).toBe(ATTACKERS);
      for (const s of sockets) s.destroy();
    },
  );

  it(
    'an event stream outlives the request timeout: it is a response, not a slow request',
    { timeout: 60_000 },
    async () => {
      const a = await h.login('root', 'sys');
      const w = h.events(a);
      await expect.poll(() => w.text()).toContain('event: active');
      // A slow body opened with the stream: once the server has cut it, the timeout has passed.
      const slow = await trickle('body');
      await expect.poll(() => isEnded(slow), { timeout: 20_000 }).toBe(true);
      const seen = w.events().length;
      await expect.poll(() => w.events().length, { timeout: 10_000 }).toBeGreaterThan(seen);
      expect(w.ended()).toBe(false);
      w.close();
    },
  );

  it('the server limits are on by default, and switching the request timeout off is refused with the variable named', () => {
    expect(loadConfig({}).server).toEqual(DEFAULT_SERVER_LIMITS);
    // Behind a proxy every client has the proxy's address: the per-address cap is the total.
    expect(loadConfig({ TRUST_PROXY: 'true' }).server.maxConnectionsPerAddress).toBe(500);
    for (const env of [
      { HTTP_REQUEST_TIMEOUT_MS: '0' },
      { HTTP_HEADERS_TIMEOUT_MS: '0' },
      { MAX_CONNECTIONS: 'lots' },
      { MAX_CONNECTIONS_PER_ADDRESS: '0' },
    ]) {
      const name = Object.keys(env)[0]!;
      expect(() => loadConfig(env), name).toThrow(ConfigError);
      expect(() => loadConfig(env), name).toThrow(new RegExp(name));
    }
  });

  it('beyond the total socket cap a client is told 503 TOO_MANY_CONNECTIONS, whatever its address', async () => {
    const server = createConsoleServer((_req, res) => res.end('ok'), {
      ...DEFAULT_SERVER_LIMITS,
      maxConnections: 10,
      maxConnectionsPerAddress: 1000,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const p = (server.address() as { port: number }).port;
    const answers: string[] = [];
    const held = await Promise.all(
      Array.from(
        { length: 15 },
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect({ port: p, host: '127.0.0.1' });
            s.on('error', () => undefined);
            s.setEncoding('utf8');
            let text = '';
            s.on('data', (d: string) => (text += d));
            s.on('end', () => answers.push(text));
            s.on('connect', () => resolve(s));
          }),
      ),
    );
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(5);
    for (const a of answers) {
      expect(a).toMatch(/^HTTP\/1\.1 503/);
      expect(a).toContain('TOO_MANY_CONNECTIONS');
    }
    for (const s of held) s.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { startRedis, type RedisServer } from '../testing/redis.js';
import { createLogger } from '../lib/logger.js';
import { connectRedis, type ScaleRedis } from './redis-runtime.js';
import { LocalLeases, RedisLeases } from './leases.js';

const log = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

async function until(what: string, check: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let redis: RedisServer;
const clients: ScaleRedis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await redis?.stop();
});

async function instances(n: number) {
  const prefix = `l${randomBytes(4).toString('hex')}:`;
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = await connectRedis({ url: redis.url, prefix }, log);
    clients.push(c);
    const leases = new RedisLeases(c.client, prefix, c.instanceId, log, {
      ttlMs: 600,
      renewEveryMs: 150,
      retryEveryMs: 50,
    });
    const state = { running: false, starts: 0 };
    out.push({ leases, state, client: c });
  }
  return out;
}

describe('leases', () => {
  it('one instance of several runs the work; a graceful close hands it over at once', async () => {
    const all = await instances(3);
    for (const a of all)
      a.leases.run(
        'scheduler:c1',
        () => {
          a.state.running = true;
          a.state.starts += 1;
        },
        () => {
          a.state.running = false;
        },
      );
    await until('a holder', () => all.some((a) => a.state.running));
    expect(all.filter((a) => a.state.running)).toHaveLength(1);
    const holder = all.find((a) => a.state.running)!;
    await holder.leases.close();
    expect(holder.state.running).toBe(false);
    await until('another holder', () => all.some((a) => a !== holder && a.state.running));
    expect(all.filter((a) => a.state.running)).toHaveLength(1);
    for (const a of all) await a.leases.close();
  });

  it('a holder that dies without handing back is replaced after the TTL, and only then', async () => {
    const [a, b] = await instances(2);
    a!.leases.run(
      'watcher:c2',
      () => void (a!.state.running = true),
      () => void (a!.state.running = false),
    );
    await until('a to hold', () => a!.state.running);
    b!.leases.run(
      'watcher:c2',
      () => void (b!.state.running = true),
      () => void (b!.state.running = false),
    );
    const key = `${a!.client.prefix}lease:watcher:c2`;
    expect(await a!.client.client.get(key)).toBe(a!.client.instanceId);
    await a!.leases.abandon();
    // Not handed back: the key still names the dead holder until it runs out.
    expect(await a!.client.client.get(key)).toBe(a!.client.instanceId);
    await until('b to take over', () => b!.state.running);
    expect(await a!.client.client.get(key)).toBe(b!.client.instanceId);
    await b!.leases.close();
    expect(await a!.client.client.get(key)).toBeNull();
  });

  it('a holder whose lease was taken meanwhile stops its work instead of extending the other', async () => {
    const [a] = await instances(1);
    a!.leases.run(
      'alerts:c3',
      () => void (a!.state.running = true),
      () => void (a!.state.running = false),
    );
    await until('a to hold', () => a!.state.running);
    // What a stall past the TTL looks like: another instance holds the key now.
    await a!.client.client.set(`${a!.client.prefix}lease:alerts:c3`, 'someone-else', {
      PX: 60_000,
    });
    await until('a to stop', () => !a!.state.running);
    expect(await a!.client.client.get(`${a!.client.prefix}lease:alerts:c3`)).toBe('someone-else');
    await a!.leases.close();
    expect(await a!.client.client.get(`${a!.client.prefix}lease:alerts:c3`)).toBe('someone-else');
  });

  it('one instance holds every lease at once, and stops the work on close', async () => {
    const leases = new LocalLeases();
    let running = false;
    leases.run(
      'watcher:x',
      () => void (running = true),
      () => void (running = false),
    );
    expect(running).toBe(true);
    expect(leases.holds('watcher:x')).toBe(true);
    await leases.close();
    expect(running).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, ReadyResponse } from '@obconsole/contracts';
import { startHarness, type Harness } from '../testing/harness.js';
import { startRedis, type RedisServer } from '../testing/redis.js';
import { startInstances, type Rig } from './test-rig.js';

async function until(what: string, check: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('readiness and shutting down, one instance', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is ready when the store and every cluster answer; Redis is not part of one instance', async () => {
    const res = await h.agent().get(API.healthReady);
    expect(res.status).toBe(200);
    expect(ReadyResponse.parse(res.body)).toEqual({
      ready: true,
      draining: false,
      store: 'up',
      redis: 'none',
      clusters: [{ id: 'obcluster-hz', database: 'up' }],
    });
  });

  it('a cluster that does not answer makes the instance not ready, naming it', async () => {
    await h.stopSim();
    try {
      const res = await h.agent().get(API.healthReady);
      expect(res.status).toBe(503);
      expect(res.body.clusters).toEqual([{ id: 'obcluster-hz', database: 'down' }]);
    } finally {
      await h.restartSim();
    }
  });

  it('draining (SIGTERM) turns readiness off and tells open streams to reconnect elsewhere', async () => {
    const a = await h.login('root', 'sys');
    const stream = h.events(a);
    await until('the stream to open', () => stream.events().length > 0);
    h.app.deps.lifecycle.drain();
    await until('the stream to end', () => stream.ended());
    expect(stream.text()).toContain('retry: 250');
    const res = await h.agent().get(API.healthReady);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ready: false, draining: true });
  });
});

describe('readiness of an instance on Redis', () => {
  let redis: RedisServer;
  let rig: Rig;
  beforeAll(async () => {
    redis = await startRedis();
    rig = await startInstances({ count: 1, redisUrl: redis.url });
  });
  afterAll(async () => {
    await rig?.close();
    await redis?.stop();
  });

  it('is ready with Redis up, and not ready (saying so) once Redis is gone', async () => {
    const url = `${rig.instances[0]!.url}${API.healthReady}`;
    const up = await fetch(url);
    expect(up.status).toBe(200);
    expect(((await up.json()) as ReadyResponse).redis).toBe('up');
    await redis.stop();
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(((await down.json()) as ReadyResponse).redis).toBe('down');
  });
});

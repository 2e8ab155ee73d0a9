import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { Logger } from '../lib/logger.js';
import type { RedisSettings } from './redis-settings.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The connections one instance keeps to the shared Redis: one for commands, one for
 * subscriptions (a subscribed connection can issue nothing else), and the instance's id that
 * leases name their holder by.
 */
export interface ScaleRedis {
  client: RedisClient;
  subscriber: RedisClient;
  prefix: string;
  instanceId: string;
  close(): Promise<void>;
}

export async function connectRedis(settings: RedisSettings, log: Logger): Promise<ScaleRedis> {
  const client = createClient({
    url: settings.url,
    username: settings.username,
    password: settings.password?.reveal(),
    socket: {
      connectTimeout: 5000,
      // Retry with a capped back-off: Redis restarting must not end the console.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 3000),
      ...(settings.tls ? { tls: true as const, ...settings.tls } : {}),
    },
  });
  // The client's errors carry the address, never the password; log them once per cause.
  let lastError = '';
  client.on('error', (e: Error) => {
    if (e.message === lastError) return;
    lastError = e.message;
    log.warn({ redis: redact(settings.url), err: e.message }, 'redis connection error');
  });
  client.on('ready', () => (lastError = ''));
  const subscriber = client.duplicate();
  subscriber.on('error', () => undefined);
  // connect() keeps retrying on its own: give up at start, where a wrong address is a mistake.
  const ready = Promise.all([client.connect(), subscriber.connect()]);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(lastError || 'no answer within 10 s')), 10_000);
  });
  try {
    await Promise.race([ready, late]);
  } catch (e) {
    void ready.catch(() => undefined);
    client.destroy();
    subscriber.destroy();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return {
    client,
    subscriber,
    prefix: settings.prefix,
    instanceId: randomUUID(),
    async close() {
      // A connection that is down has nothing to flush: drop it rather than wait for Redis.
      const end = (c: RedisClient) => (c.isReady ? c.close() : Promise.resolve(c.destroy()));
      await Promise.allSettled([end(subscriber), end(client)]);
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

import type { Logger } from '../lib/logger.js';
import type { ScaleRedis } from '../scale/redis-runtime.js';
import { InMemorySessionEvents, type SessionEvents } from './session-events.js';

/**
 * "This sign-in ended" across instances: published on one channel, every instance (this one
 * included, at once) tells its own listeners, so a sign-out on one closes the streams on all.
 * `onRemote` hears ends that came from another instance (the registry drops its copy of the
 * connections then, without recording a second sign-out).
 */
export class RedisSessionEvents implements SessionEvents {
  readonly #local = new InMemorySessionEvents();
  readonly #channel: string;
  readonly #remote = new Set<(signInId: string) => void>();

  private constructor(
    private readonly redis: ScaleRedis,
    private readonly log: Logger,
  ) {
    this.#channel = `${redis.prefix}session-ended`;
  }

  static async create(redis: ScaleRedis, log: Logger): Promise<RedisSessionEvents> {
    const events = new RedisSessionEvents(redis, log);
    await redis.subscriber.subscribe(events.#channel, (message) => events.#received(message));
    return events;
  }

  onEnded(signInId: string, listener: () => void): () => void {
    return this.#local.onEnded(signInId, listener);
  }

  onRemote(listener: (signInId: string) => void): () => void {
    this.#remote.add(listener);
    return () => this.#remote.delete(listener);
  }

  ended(signInId: string): void {
    this.#local.ended(signInId);
    const message = JSON.stringify({ from: this.redis.instanceId, signInId });
    this.redis.client.publish(this.#channel, message).catch((e: unknown) => {
      this.log.warn({ err: String(e) }, 'could not publish a session end');
    });
  }

  #received(message: string): void {
    let parsed: { from?: unknown; signInId?: unknown };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.from === this.redis.instanceId || typeof parsed.signInId !== 'string') return;
    this.#local.ended(parsed.signInId);
    for (const l of this.#remote) l(parsed.signInId);
  }
}

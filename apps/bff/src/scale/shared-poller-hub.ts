import { createHash } from 'node:crypto';
import type { DbSettings } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { PollerEvent, PollerIntervals } from '../features/backups/poller.js';
import { PollerHub } from '../features/backups/poller-hub.js';
import type { Leases } from './leases.js';
import type { ScaleRedis } from './redis-runtime.js';

type Listener = (e: PollerEvent) => void;
type Create = Parameters<PollerHub['subscribe']>[1];

interface Group {
  listeners: Set<Listener>;
  last: PollerEvent | null;
  channel: string;
  onMessage: (message: string) => void;
  endLease: () => Promise<void>;
  /** Set while this instance holds the account's lease and so runs its real poller. */
  polling: (() => void) | null;
}

/**
 * One poller per database account across every instance: the instance holding the account's
 * lease polls (the ordinary PollerHub) and publishes each snapshot; every instance with a
 * browser watching that account, the holder included, receives it over pub/sub and fans it out.
 * The last snapshot is also kept in Redis, so a browser arriving at any instance (a reconnect
 * with Last-Event-ID) gets it at once. Accounts are hashed into key names: no user name in Redis.
 */
export class SharedPollerHub extends PollerHub {
  readonly #groups = new Map<string, Group>();
  readonly #pokes: string;

  constructor(
    settings: DbSettings,
    private readonly pollIntervals: PollerIntervals,
    private readonly logger: Logger,
    private readonly redis: ScaleRedis,
    private readonly leases: Leases,
  ) {
    super(settings, pollIntervals, logger);
    this.#pokes = `${redis.prefix}poller-poke`;
    // A start or cancel at any instance makes the holder read now.
    void redis.subscriber.subscribe(this.#pokes, (key) => super.poke(key));
  }

  override subscribe(key: string, create: Create, listener: Listener): () => void {
    const group = this.#groups.get(key) ?? this.#open(key, create);
    group.listeners.add(listener);
    if (group.last) listener(group.last);
    return () => {
      group.listeners.delete(listener);
      if (group.listeners.size === 0 && this.#groups.get(key) === group)
        void this.#close(key, group);
    };
  }

  override poke(key: string): void {
    void this.redis.client.publish(this.#pokes, key).catch(() => super.poke(key));
  }

  override async closeAll(): Promise<void> {
    await Promise.all([...this.#groups].map(([key, g]) => this.#close(key, g)));
    await super.closeAll();
  }

  #open(key: string, create: Create): Group {
    const id = createHash('sha256').update(key).digest('base64url').slice(0, 32);
    const channel = `${this.redis.prefix}poll:${id}`;
    const snapshotKey = `${this.redis.prefix}poll-last:${id}`;
    const group: Group = {
      listeners: new Set(),
      last: null,
      channel,
      onMessage: (message) => {
        let e: PollerEvent;
        try {
          e = JSON.parse(message) as PollerEvent;
        } catch {
          return;
        }
        group.last = e;
        for (const l of [...group.listeners]) l(e);
      },
      endLease: () => Promise.resolve(),
      polling: null,
    };
    this.#groups.set(key, group);
    void this.redis.subscriber.subscribe(channel, group.onMessage);
    // What the holder last saw, until this instance hears its next snapshot.
    void this.redis.client
      .get(snapshotKey)
      .then((raw) => {
        if (!raw || group.last || this.#groups.get(key) !== group) return;
        group.onMessage(raw);
      })
      .catch(() => undefined);
    const keepMs = Math.max(30_000, this.pollIntervals.idleMs * 10);
    group.endLease = this.leases.run(
      `poller:${id}`,
      () => {
        group.polling = super.subscribe(key, create, (e) => {
          const message = JSON.stringify(e);
          void this.redis.client
            .multi()
            .set(snapshotKey, message, { PX: keepMs })
            .publish(channel, message)
            .exec()
            .catch((err: unknown) => {
              this.logger.warn({ err: String(err) }, 'could not share a progress snapshot');
              group.onMessage(message); // this instance's own browsers still see it
            });
        });
      },
      () => {
        group.polling?.();
        group.polling = null;
      },
    );
    return group;
  }

  async #close(key: string, group: Group): Promise<void> {
    this.#groups.delete(key);
    await group.endLease();
    await this.redis.subscriber.unsubscribe(group.channel, group.onMessage).catch(() => undefined);
  }
}

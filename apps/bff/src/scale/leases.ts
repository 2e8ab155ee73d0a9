import type { Logger } from '../lib/logger.js';
import type { RedisClient } from './redis-runtime.js';

/**
 * Who does the work nobody watches (a cluster's job watcher, its policy scheduler, its alert
 * engine, one account's progress poller): exactly one instance at a time, by a named lease.
 *
 *   const stop = leases.run(`scheduler:${clusterId}`, () => scheduler.start(), () => scheduler.stop());
 *
 * `start` runs when this instance takes the lease, `stop` when it loses it (it could not renew
 * in time: another instance may hold it by then) or when `stop()`/`close()` is called. A lease
 * only decides who works; the store's unique keys stay the guard against doing anything twice.
 */
export interface Leases {
  run(
    name: string,
    start: () => void | Promise<void>,
    stop: () => void | Promise<void>,
  ): () => Promise<void>;
  /** Whether this instance holds the lease now. */
  holds(name: string): boolean;
  /** Stops every lease's work and hands the leases back, so another instance takes over at once. */
  close(): Promise<void>;
  /**
   * How long work can go undone when a holder dies before another takes over (0: one
   * instance). Who takes over looks back this far (a watcher reports what finished meanwhile).
   */
  readonly takeoverWindowMs: number;
}

/** One instance: every lease is held from the start. */
export class LocalLeases implements Leases {
  readonly takeoverWindowMs = 0;
  readonly #running = new Map<string, () => Promise<void>>();

  run(name: string, start: () => void | Promise<void>, stop: () => void | Promise<void>) {
    if (this.#running.has(name)) throw new Error(`lease ${name} is already run here`);
    let stopped = false;
    void Promise.resolve(start());
    const end = async () => {
      if (stopped) return;
      stopped = true;
      this.#running.delete(name);
      await stop();
    };
    this.#running.set(name, end);
    return end;
  }

  holds(name: string): boolean {
    return this.#running.has(name);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#running.values()].map((end) => end()));
  }
}

// Extends the lease only while it is still ours: a holder that stalled past its TTL must not
// extend the lease another instance has taken since.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisLeaseOptions {
  /** How long a lease lives without renewal: a dead holder's work resumes elsewhere after it. */
  ttlMs?: number;
  /** How often the holder renews (default a third of the TTL). */
  renewEveryMs?: number;
  /** How often a waiting instance tries to take a lease (default 2 s). */
  retryEveryMs?: number;
}

interface Term {
  name: string;
  start: () => void | Promise<void>;
  stop: () => void | Promise<void>;
  held: boolean;
  /** When the last successful renewal was sent (monotonic ms): the lease lives until + TTL. */
  renewedAt: number;
  timer: NodeJS.Timeout | null;
  ended: boolean;
}

/**
 * Leases in Redis: taken with SET NX PX, renewed with a compare-and-extend script, handed
 * back with compare-and-delete. With the defaults (TTL 10 s, retry 2 s) another instance
 * takes over a dead holder's work within 12 s.
 */
export class RedisLeases implements Leases {
  readonly #terms = new Map<string, Term>();
  readonly #ttlMs: number;
  readonly #renewMs: number;
  readonly #retryMs: number;
  #closed = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** This instance's id: the value of every lease it holds. */
    private readonly holder: string,
    private readonly log: Logger,
    options: RedisLeaseOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#renewMs = options.renewEveryMs ?? Math.floor(this.#ttlMs / 3);
    this.#retryMs = options.retryEveryMs ?? 2000;
    if (this.#renewMs >= this.#ttlMs)
      throw new Error('a lease must be renewed before its TTL ends');
  }

  get takeoverWindowMs(): number {
    return this.#ttlMs + this.#retryMs;
  }

  run(name: string, start: () => void | Promise<void>, stop: () => void | Promise<void>) {
    if (this.#terms.has(name)) throw new Error(`lease ${name} is already run here`);
    const term: Term = { name, start, stop, held: false, renewedAt: 0, timer: null, ended: false };
    this.#terms.set(name, term);
    void this.#step(term);
    return () => this.#end(term, true);
  }

  holds(name: string): boolean {
    return this.#terms.get(name)?.held ?? false;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#terms.values()].map((t) => this.#end(t, true)));
  }

  /**
   * Tests only: what a killed instance does (nothing more): its work stops, its leases are not
   * handed back and run out by their TTL.
   */
  async abandon(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#terms.values()].map((t) => this.#end(t, false)));
  }

  async #step(term: Term): Promise<void> {
    if (term.ended) return;
    const sentAt = performance.now();
    const key = this.#key(term.name);
    try {
      if (!term.held) {
        const won = await this.redis.set(key, this.holder, { NX: true, PX: this.#ttlMs });
        if (won === 'OK' && !term.ended) {
          term.held = true;
          term.renewedAt = sentAt;
          this.log.info({ lease: term.name }, 'lease taken');
          await this.#call(term, 'start');
        }
      } else {
        const kept = await this.redis.eval(RENEW, {
          keys: [key],
          arguments: [this.holder, String(this.#ttlMs)],
        });
        if (kept === 1) term.renewedAt = sentAt;
        else await this.#lose(term, 'taken by another instance');
      }
    } catch (e) {
      // Redis unreachable: the lease is ours only until its TTL would have run out.
      if (term.held && performance.now() - term.renewedAt >= this.#ttlMs * 0.9)
        await this.#lose(term, `could not renew: ${String(e)}`);
    }
    if (term.ended || this.#closed) return;
    term.timer = setTimeout(() => void this.#step(term), term.held ? this.#renewMs : this.#retryMs);
    term.timer.unref();
  }

  async #lose(term: Term, why: string): Promise<void> {
    term.held = false;
    this.log.warn({ lease: term.name, why }, 'lease lost');
    await this.#call(term, 'stop');
  }

  async #end(term: Term, handBack: boolean): Promise<void> {
    if (term.ended) return;
    term.ended = true;
    if (term.timer) clearTimeout(term.timer);
    this.#terms.delete(term.name);
    if (!term.held) return;
    term.held = false;
    await this.#call(term, 'stop');
    if (handBack)
      await this.redis
        .eval(RELEASE, { keys: [this.#key(term.name)], arguments: [this.holder] })
        .catch(() => undefined);
  }

  async #call(term: Term, what: 'start' | 'stop'): Promise<void> {
    try {
      await term[what]();
    } catch (e) {
      this.log.error({ lease: term.name, err: e }, `lease work failed to ${what}`);
    }
  }

  #key(name: string): string {
    return `${this.prefix}lease:${name}`;
  }
}

import { createHash, createHmac, randomUUID } from 'node:crypto';
import { AppError } from '../lib/errors.js';
import { canonical } from '../features/backups/idempotency.js';
import type { RedisClient } from '../scale/redis-runtime.js';
import type { IdempotencyKeys } from './idempotency-keys.js';

interface Stored<T> {
  fingerprint: string;
  /** Who runs it: only that attempt may record its answer or give the key up. */
  owner: string;
  result?: T;
}

// Deletes the claim only while it is still this attempt's (a slow attempt must not free a key
// another has taken since).
const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).owner == ARGV[1] and cjson.decode(v).result == nil then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisIdempotencyOptions {
  /** How long an answer is kept (a day, as in memory). */
  ttlMs?: number;
  /** How long a claim without an answer holds the key: an instance dying mid-start frees it. */
  pendingMs?: number;
  /** How often a waiting repeat looks for the first attempt's answer. */
  pollMs?: number;
}

/**
 * Idempotency keys shared by every instance: the first request claims the key (SET NX PX), runs
 * the command and stores its answer under the key; a repeat at any instance, even at the same
 * moment, waits for that answer instead of starting a second backup. A failed attempt gives the
 * key up, so it may be retried. Fingerprints are keyed with the shared session secret: every
 * instance computes the same one, and they cannot be tested against guesses.
 */
export class RedisIdempotencyKeys<T> implements IdempotencyKeys<T> {
  readonly #ttlMs: number;
  readonly #pendingMs: number;
  readonly #pollMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly fingerprintKey: string,
    options: RedisIdempotencyOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 24 * 3_600_000;
    this.#pendingMs = options.pendingMs ?? 120_000;
    this.#pollMs = options.pollMs ?? 50;
  }

  fingerprint(body: unknown): string {
    return createHmac('sha256', `idempotency\n${this.fingerprintKey}`)
      .update(canonical(body))
      .digest('base64url');
  }

  async run(scopeKey: string, key: string, fingerprint: string, fn: () => Promise<T>): Promise<T> {
    const id = `${this.prefix}idem:${createHash('sha256').update(`${scopeKey}\n${key}`).digest('base64url')}`;
    const deadline = Date.now() + this.#pendingMs;
    for (;;) {
      const owner = randomUUID();
      const claim: Stored<T> = { fingerprint, owner };
      const won = await this.redis.set(id, JSON.stringify(claim), {
        NX: true,
        PX: this.#pendingMs,
      });
      if (won === 'OK') return this.#runAsOwner(id, owner, fingerprint, fn);
      const raw = await this.redis.get(id);
      if (raw === null) continue; // given up or expired between the two calls: claim again
      const stored = JSON.parse(raw) as Stored<T>;
      if (stored.fingerprint !== fingerprint) throw conflict();
      if ('result' in stored) return stored.result as T;
      if (Date.now() > deadline)
        throw new AppError(
          'DATABASE_BUSY',
          'A request with this Idempotency-Key is still being processed. Try again in a moment with the same key.',
        );
      await new Promise((r) => setTimeout(r, this.#pollMs));
    }
  }

  async #runAsOwner(id: string, owner: string, fingerprint: string, fn: () => Promise<T>) {
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      await this.redis.eval(RELEASE, { keys: [id], arguments: [owner] }).catch(() => undefined);
      throw e;
    }
    const done: Stored<T> = { fingerprint, owner, result };
    await this.redis.set(id, JSON.stringify(done), { PX: this.#ttlMs });
    return result;
  }
}

function conflict(): AppError {
  return new AppError(
    'IDEMPOTENCY_CONFLICT',
    'This Idempotency-Key was already used for a different request (other settings or another encryption password). Send the new request with a new key.',
  );
}

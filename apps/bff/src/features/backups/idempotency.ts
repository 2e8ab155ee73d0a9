import { AppError } from '../../lib/errors.js';

interface Entry<T> {
  fingerprint: string;
  result: Promise<T>;
  expiresAt: number;
}

/** Idempotency-Key: letters, digits, - and _, as a UUID or a similar token. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * Remembers, per account and key, the outcome of a start request for a day: a repeat (a double
 * click, a retried request) gets the first outcome instead of a second backup. A repeat that
 * arrives while the first is still running waits for it.
 */
export class IdempotencyStore<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(private readonly ttlMs = 24 * 3_600_000) {}

  run(scopeKey: string, key: string, fingerprint: string, fn: () => Promise<T>): Promise<T> {
    this.#evict();
    const id = `${scopeKey}\n${key}`;
    const existing = this.#entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        return Promise.reject(
          new AppError(
            'IDEMPOTENCY_CONFLICT',
            'This Idempotency-Key was already used for a different request; use a new key.',
          ),
        );
      }
      return existing.result;
    }
    const result = fn();
    this.#entries.set(id, { fingerprint, result, expiresAt: Date.now() + this.ttlMs });
    // A failed attempt may be retried with the same key.
    result.catch(() => {
      if (this.#entries.get(id)?.result === result) this.#entries.delete(id);
    });
    return result;
  }

  #evict(): void {
    const now = Date.now();
    for (const [id, e] of this.#entries) if (e.expiresAt < now) this.#entries.delete(id);
  }
}

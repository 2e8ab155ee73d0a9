import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import type { IdempotencyKeys } from '../../seams/idempotency-keys.js';

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
export class IdempotencyStore<T> implements IdempotencyKeys<T> {
  readonly #entries = new Map<string, Entry<T>>();
  /** Per process: fingerprints mean nothing outside it and cannot be tested against guesses. */
  readonly #key = randomBytes(32);

  constructor(private readonly ttlMs = 24 * 3_600_000) {}

  /** A keyed hash of the whole request body (stable key order), secrets included. */
  fingerprint(body: unknown): string {
    return createHmac('sha256', this.#key).update(canonical(body)).digest('base64url');
  }

  run(scopeKey: string, key: string, fingerprint: string, fn: () => Promise<T>): Promise<T> {
    this.#evict();
    const id = `${scopeKey}\n${key}`;
    const existing = this.#entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        return Promise.reject(
          new AppError(
            'IDEMPOTENCY_CONFLICT',
            'This Idempotency-Key was already used for a different request (other settings or another encryption password). Send the new request with a new key.',
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

/** Stable JSON (sorted keys, no undefined): one body, one fingerprint, in every instance. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

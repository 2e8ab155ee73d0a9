/**
 * Idempotency-Key handling for commands: the same key with the same body answers the first
 * outcome; with another body it is a conflict. In memory today (IdempotencyStore).
 */
export interface IdempotencyKeys<T> {
  fingerprint(body: unknown): string;
  run(scopeKey: string, key: string, fingerprint: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * One read at a time per key, and its result reused for a short while: many sessions of one
 * database account asking the same question cost the database one statement set, not one each.
 */
export class SharedReads<T> {
  readonly #entries = new Map<string, { at: number; value?: T; pending?: Promise<T> }>();
  #generation = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry?.pending) return entry.pending;
    if (entry && entry.value !== undefined && this.now() - entry.at <= this.maxAgeMs) {
      return Promise.resolve(entry.value);
    }
    const generation = this.#generation;
    const pending = read().then(
      (value) => {
        // A change in between (clear()) makes this answer stale: hand it out, do not keep it.
        if (generation === this.#generation) this.#entries.set(key, { at: this.now(), value });
        else this.#entries.delete(key);
        return value;
      },
      (err: unknown) => {
        this.#entries.delete(key);
        throw err;
      },
    );
    this.#entries.set(key, { at: this.now(), pending });
    this.#prune();
    return pending;
  }

  /** Forget everything: something changed that every reader must see at once. */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #prune(): void {
    if (this.#entries.size < 256) return;
    const now = this.now();
    for (const [key, e] of this.#entries) {
      if (!e.pending && now - e.at > this.maxAgeMs) this.#entries.delete(key);
    }
  }
}

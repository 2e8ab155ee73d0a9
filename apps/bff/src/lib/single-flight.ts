/**
 * One read at a time per key: whoever asks while a read runs gets that read's answer. Many
 * sessions of one database account asking the same question cost the database one statement
 * set, not one each.
 */
export class SingleFlight<T> {
  readonly #pending = new Map<string, Promise<T>>();

  get(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.#pending.get(key);
    if (running) return running;
    const p = read().finally(() => {
      if (this.#pending.get(key) === p) this.#pending.delete(key);
    });
    this.#pending.set(key, p);
    return p;
  }

  /** Something changed: whoever asks from now on gets a read that starts after the change. */
  clear(): void {
    this.#pending.clear();
  }

  get size(): number {
    return this.#pending.size;
  }
}

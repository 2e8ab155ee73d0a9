/**
 * "This sign-in ended" (logout, expiry, shutdown): what a sign-in holds open, such as an event
 * stream, ends with it. In memory for one instance; several instances would publish it.
 */
export interface SessionEvents {
  /** Calls `listener` once when the sign-in ends; returns the way to stop listening. */
  onEnded(signInId: string, listener: () => void): () => void;
  ended(signInId: string): void;
}

export class InMemorySessionEvents implements SessionEvents {
  readonly #listeners = new Map<string, Set<() => void>>();

  onEnded(signInId: string, listener: () => void): () => void {
    const set = this.#listeners.get(signInId) ?? new Set();
    set.add(listener);
    this.#listeners.set(signInId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(signInId) === set) this.#listeners.delete(signInId);
    };
  }

  ended(signInId: string): void {
    const set = this.#listeners.get(signInId);
    this.#listeners.delete(signInId);
    for (const l of set ?? []) l();
  }
}

/**
 * An instance going away on purpose (SIGTERM): readiness turns 503 so the load balancer stops
 * sending new requests, open event streams are told to reconnect (to another instance), and
 * the HTTP server drains the requests in flight.
 */
export class Lifecycle {
  #draining = false;
  readonly #listeners = new Set<() => void>();

  get draining(): boolean {
    return this.#draining;
  }

  onDrain(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    for (const l of [...this.#listeners]) l();
    this.#listeners.clear();
  }
}

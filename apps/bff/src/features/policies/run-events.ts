import type { PolicyRecord, RunRecord } from './model.js';

/** A policy run just recorded: started, skipped, refused, promoted or missed, per tenant. */
export interface PolicyRunEvent {
  clusterId: string;
  policy: Pick<PolicyRecord, 'id' | 'name' | 'tenants'>;
  run: RunRecord;
}

export type PolicyRunListener = (e: PolicyRunEvent) => void;

/**
 * Who hears about policy runs (the alert engine's policy_run_not_started): every run this
 * instance recorded, once. A listener that throws is logged and does not stop the others.
 */
export class PolicyRunEvents {
  readonly #listeners = new Set<PolicyRunListener>();
  constructor(private readonly onError: (e: unknown) => void) {}

  subscribe(fn: PolicyRunListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  emit(e: PolicyRunEvent): void {
    for (const fn of this.#listeners) {
      try {
        fn(e);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

import type { DbAccount, DbSettings } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import type { Scope } from '../../lib/scope.js';
import type { ServerFacts } from '../jobs/active.js';
import { Poller, type PollerEvent, type PollerIntervals } from './poller.js';

type Listener = (e: PollerEvent) => void;

/** One poller per (server, tenant, database user); created on the first watcher, stopped after the last. */
export class PollerHub {
  readonly #pollers = new Map<string, Poller>();

  constructor(
    private readonly settings: DbSettings,
    private readonly intervals: PollerIntervals,
    private readonly log: Logger,
  ) {}

  get(key: string): Poller | undefined {
    return this.#pollers.get(key);
  }

  get size(): number {
    return this.#pollers.size;
  }

  subscribe(
    key: string,
    create: {
      account: DbAccount;
      scope: Scope;
      serverKey: string;
      facts: ServerFacts;
      tenantName: string;
    },
    listener: Listener,
  ): () => void {
    let poller = this.#pollers.get(key);
    if (!poller) {
      poller = new Poller(
        key,
        create.account,
        create.scope,
        create.serverKey,
        create.facts,
        create.tenantName,
        this.settings,
        this.intervals,
        this.log,
      );
      this.#pollers.set(key, poller);
    }
    const p = poller;
    const unsubscribe = p.subscribe(listener);
    return () => {
      unsubscribe();
      if (p.listenerCount === 0 && this.#pollers.get(key) === p) {
        this.#pollers.delete(key);
        void p.stop();
      }
    };
  }

  poke(key: string): void {
    this.#pollers.get(key)?.poke();
  }

  /** Every poller reads now (the cluster's watcher saw a job start, move or end). */
  pokeAll(): void {
    for (const p of this.#pollers.values()) p.poke();
  }

  async closeAll(): Promise<void> {
    const all = [...this.#pollers.values()];
    this.#pollers.clear();
    await Promise.all(all.map((p) => p.stop()));
  }
}

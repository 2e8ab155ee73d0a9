import type { AlertConfigStore, IncidentStore, RuleRecord, SqlOutbox } from '@obconsole/store';
import type { AlertMessage, Condition } from './channels/types.js';
import { evaluate, remindersDue, type Observation, type Transition } from './evaluate.js';
import { messageOf, type ClusterRef, type LinkBuilder } from './message.js';
import { entriesFor, type OutboxWorker } from './outbox.js';
import type { AlertRule, Incident } from './rules.js';

export interface AlertEngineDeps {
  cluster: ClusterRef;
  config: AlertConfigStore;
  incidents: IncidentStore<Condition>;
  outbox: SqlOutbox<AlertMessage>;
  worker: OutboxWorker;
  links: LinkBuilder;
  now: () => number;
  onError?: (err: unknown) => void;
}

/** Rules were checked against the contract when written: here they are read back typed. */
function toRule(r: RuleRecord): AlertRule {
  return r as unknown as AlertRule;
}

/**
 * One cluster's alerting: observations in, incidents and queued messages out. Each transition
 * is stored first (the store's unique keys decide which instance wins), and only the winner
 * queues its messages; the outbox worker is kicked at once, so a failure is on its way within
 * the watcher's interval. Observations are handled one at a time, in order.
 */
export class AlertEngine {
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly d: AlertEngineDeps) {}

  observe(o: Observation): Promise<void> {
    const next = this.#queue.then(() => this.#observe(o));
    this.#queue = next.catch((e: unknown) => this.d.onError?.(e));
    return next;
  }

  /** Sends the reminders that are due (called on a timer). */
  remind(): Promise<void> {
    const next = this.#queue.then(async () => {
      const [rules, open] = await Promise.all([this.#rules(), this.#open()]);
      await this.#apply(remindersDue(rules, open.values(), this.d.now()), rules);
    });
    this.#queue = next.catch((e: unknown) => this.d.onError?.(e));
    return next;
  }

  async #rules(): Promise<AlertRule[]> {
    return (await this.d.config.rules(this.d.cluster.id)).map(toRule);
  }

  async #open(): Promise<Map<string, Incident>> {
    const open = await this.d.incidents.openOf(this.d.cluster.id);
    return new Map(open.map((i) => [i.key, i]));
  }

  async #observe(o: Observation): Promise<void> {
    const [rules, open] = await Promise.all([this.#rules(), this.#open()]);
    await this.#apply(evaluate(rules, open, o, this.d.now()), rules);
  }

  async #apply(transitions: Transition[], rules: AlertRule[]): Promise<void> {
    const byId = new Map(rules.map((r) => [r.id, r]));
    let queued = false;
    for (const t of transitions) {
      const won =
        t.kind === 'open'
          ? await this.d.incidents.open(t.incident)
          : t.kind === 'resolve'
            ? await this.d.incidents.resolve(t.incident.id, t.incident.resolvedAt!)
            : await this.d.incidents.remind(
                t.incident.id,
                t.incident.reminders,
                t.incident.lastNotifiedAt!,
              );
      const rule = byId.get(t.incident.ruleId);
      if (!won || !t.notify || !rule || !rule.channels.length) continue;
      const now = this.d.now();
      const m = messageOf(t, rule, this.d.cluster, this.d.links, now);
      await this.d.outbox.enqueue(entriesFor(m, this.d.cluster.id, rule.channels, now));
      queued = true;
    }
    if (queued) await this.d.worker.tick();
  }
}

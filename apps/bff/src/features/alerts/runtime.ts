import type { AlertConfigStore, IncidentStore, SqlOutbox } from '@obconsole/store';
import type { AccountContext } from '../../lib/context.js';
import type { Logger } from '../../lib/logger.js';
import type { JobWatcher } from '../jobs/watcher.js';
import { selectTenants } from '../jobs/directory.sql.js';
import type { AlertMessage, Condition } from './channels/types.js';
import { AlertEngine } from './engine.js';
import type { Observation } from './evaluate.js';
import { readTenantHealth } from './health.js';
import type { ClusterRef, LinkBuilder } from './message.js';
import {
  activeJobsOf,
  observationOf,
  policyRunObservations,
  type PolicyRun,
} from './observations.js';
import { OutboxWorker, type Sender } from './outbox.js';
import { toTarget } from './targets.js';

export interface AlertIntervals {
  /** Tenant health (no_success, archive) and running jobs (backup_slow) are read this often. */
  healthMs: number;
  /** Due retries are looked for this often (a new message is sent at once, without waiting). */
  outboxMs: number;
  /** Due reminders are looked for this often. */
  remindMs: number;
}

export const DEFAULT_ALERT_INTERVALS: AlertIntervals = {
  healthMs: 30_000,
  outboxMs: 5_000,
  remindMs: 60_000,
};

export interface ClusterAlertsDeps {
  cluster: ClusterRef;
  config: AlertConfigStore;
  incidents: IncidentStore<Condition>;
  outbox: SqlOutbox<AlertMessage>;
  send: Sender;
  links: LinkBuilder;
  now: () => number;
  log: Logger;
  watcher: JobWatcher | null;
  serviceContext: () => Promise<AccountContext | null>;
  intervals: AlertIntervals;
}

/**
 * One cluster's alerting, with nobody signed in: the job watcher's events and a periodic read
 * under the service account go to the engine; the outbox worker sends what the engine queued
 * (at once) and what is due again (on its timer), including what an earlier run left pending.
 */
export class ClusterAlerts {
  readonly engine: AlertEngine;
  readonly worker: OutboxWorker;
  readonly #d: ClusterAlertsDeps;
  readonly #timers: NodeJS.Timeout[] = [];
  #unsubscribe: (() => void) | null = null;
  #tenantIds = new Map<string, number>();
  #pending = new Set<Promise<unknown>>();
  /** Jobs' ends seen while the store failed: the watcher reports each once, so they are kept. */
  readonly #unstored: Observation[] = [];
  #stopped = false;

  constructor(d: ClusterAlertsDeps) {
    this.#d = d;
    this.worker = new OutboxWorker({
      repo: d.outbox,
      send: d.send,
      now: d.now,
      channel: async (clusterId, id) => {
        const t = await d.config.target(clusterId, id);
        return t && toTarget(t);
      },
    });
    this.engine = new AlertEngine({
      cluster: d.cluster,
      config: d.config,
      incidents: d.incidents,
      outbox: d.outbox,
      worker: this.worker,
      links: d.links,
      now: d.now,
    });
  }

  /** Subscribes to the watcher and starts the timers; sends what an earlier run left pending. */
  start(): void {
    if (this.#stopped || this.#unsubscribe) return;
    this.#unsubscribe =
      this.#d.watcher?.subscribe((e) => {
        const o = observationOf(e);
        if (o) this.#background(this.#observeOrKeep(o));
        if (e.type === 'job.started' || e.type === 'job.phase')
          this.#background(this.observeRunning());
      }) ?? (() => undefined);
    const every = (ms: number, run: () => Promise<unknown>) => {
      const t = setInterval(() => this.#background(run()), ms);
      t.unref();
      this.#timers.push(t);
    };
    every(this.#d.intervals.healthMs, () => this.checkHealth());
    every(this.#d.intervals.outboxMs, () => this.worker.tick());
    every(this.#d.intervals.remindMs, () => this.engine.remind());
    this.#background(this.worker.tick());
    this.#background(this.checkHealth());
  }

  /** Feeds one observation (tests, and the wiring of other features). */
  observe(o: Observation): Promise<void> {
    const p = this.engine.observe(o);
    this.#pending.add(p);
    void p.catch(() => undefined).finally(() => this.#pending.delete(p));
    return p;
  }

  /** The running jobs as the watcher last saw them, for backup_slow. */
  observeRunning(): Promise<void> {
    const w = this.#d.watcher;
    return w ? this.engine.observe(activeJobsOf(w.running())) : Promise.resolve();
  }

  /**
   * Reads every tenant's backups and archiving under the service account and observes them
   * (and the running jobs). A cluster that does not answer is skipped until the next round:
   * the watcher already reports the outage.
   */
  async checkHealth(): Promise<void> {
    // A job's end the store could not take is tried again, in order, before anything newer.
    const retry = this.#unstored.splice(0);
    while (retry.length) {
      const o = retry.shift()!;
      try {
        await this.engine.observe(o);
      } catch (err) {
        this.#unstored.unshift(o, ...retry);
        throw err;
      }
    }
    await this.observeRunning();
    let ctx: AccountContext | null;
    try {
      ctx = await this.#d.serviceContext();
      if (!ctx) return;
      const health = await readTenantHealth(ctx, this.#d.now());
      this.#tenantIds = new Map(
        health.tenants.map((t) => [t.tenant.name.toLowerCase(), t.tenant.id]),
      );
      await this.engine.observe(health);
    } catch (err) {
      this.#d.log.warn({ err }, 'the alert health read failed; trying again next round');
    }
  }

  /** A policy run that skipped, refused or missed a tenant opens policy_run_not_started. */
  async observePolicyRun(run: PolicyRun): Promise<void> {
    let ids = this.#tenantIds;
    if (run.tenants.some((t) => !ids.has(t.tenant.toLowerCase()))) {
      const ctx = await this.#d.serviceContext();
      if (ctx) {
        ids = new Map(
          (await selectTenants(ctx.db, ctx.scope)).map((t) => [t.name.toLowerCase(), t.tenantId]),
        );
        this.#tenantIds = ids;
      }
    }
    for (const o of policyRunObservations(run, ids)) await this.observe(o);
  }

  /**
   * Stops listening and the timers until the next start(), and waits for what is under way:
   * another instance took the cluster's alerting over (its lease).
   */
  async pause(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const t of this.#timers.splice(0)) clearInterval(t);
    await Promise.allSettled([...this.#pending]);
  }

  /** Stops listening and the timers for good, and waits for what is under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.pause();
  }

  async #observeOrKeep(o: Observation): Promise<void> {
    try {
      await this.engine.observe(o);
    } catch (err) {
      if (this.#unstored.length < 1000) this.#unstored.push(o);
      throw err;
    }
  }

  /** Work nobody awaits: its failure is logged, and stop() waits for it. */
  #background(p: Promise<unknown>): void {
    this.#pending.add(p);
    p.catch((err: unknown) => this.#d.log.error({ err }, 'alerting failed')).finally(() =>
      this.#pending.delete(p),
    );
  }
}

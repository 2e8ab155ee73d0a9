import { AsyncLocalStorage } from 'node:async_hooks';
import { checkedCron, nextSlots, type BackupType } from '@obconsole/contracts';
import type { Logger } from '../../lib/logger.js';
import type { PolicyRecord, RunRecord } from './model.js';
import { runSlot, schedulePolicy, type RunnerDeps } from './runner.js';

export interface SchedulerDeps extends RunnerDeps {
  clusterId: string;
  /** The enabled policies of the cluster, read from the store each round. */
  enabledPolicies(): Promise<PolicyRecord[]>;
  log: Logger;
  /** The longest wait between rounds: new policies and clock steps are seen within it. */
  maxWaitMs?: number;
}

const MIN_WAIT_MS = 1000;

/**
 * One cluster's policy scheduler. Each round looks at every enabled policy and runs what is due
 * (runner.ts claims each slot in the store first, so instances never run one twice); between
 * rounds it sleeps until the next slot of any policy, at most `maxWaitMs`. Tests call `tick()`
 * with their own clock and never start the timer.
 */
export class PolicyScheduler {
  #timer: NodeJS.Timeout | null = null;
  #round: Promise<RunRecord[]> = Promise.resolve([]);
  #started = false;
  /**
   * The async context the scheduler was built in (the composition root's: no request). A timer
   * set from a request (a policy change pokes) would otherwise run its rounds inside that
   * request's context, under its long-expired deadline, and every statement would time out.
   */
  readonly #detached = AsyncLocalStorage.snapshot();

  constructor(private readonly d: SchedulerDeps) {}

  /** One round; rounds of one instance never overlap (a second waits for the first). */
  tick(): Promise<RunRecord[]> {
    const round = this.#round.catch(() => []).then(() => this.#runRound());
    this.#round = round;
    return round;
  }

  /** A manual run of a policy ("run now"), as its own trigger: it never takes a slot's place. */
  runNow(p: PolicyRecord, type: BackupType): Promise<RunRecord | null> {
    return runSlot(this.d, p, new Date(this.d.now()).toISOString(), type, 'manual');
  }

  start(): void {
    this.#started = true;
    this.#schedule(0);
  }

  /** A policy changed: look again now rather than at the planned wake-up. */
  poke(): void {
    if (this.#started) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#round.catch(() => undefined);
  }

  async #runRound(): Promise<RunRecord[]> {
    let policies: PolicyRecord[];
    try {
      policies = await this.d.enabledPolicies();
    } catch (e) {
      this.d.log.warn({ err: e }, 'policy scheduler could not read the policies');
      return [];
    }
    const out: RunRecord[] = [];
    for (const p of policies) {
      try {
        out.push(...(await schedulePolicy(this.d, p)));
      } catch (e) {
        // The store could not record the run: nothing ran; the next round tries the slot again.
        this.d.log.warn({ err: e, policy: p.id }, 'policy round failed');
      }
    }
    return out;
  }

  #schedule(delayMs: number): void {
    if (!this.#started) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () =>
        this.#detached(() => {
          this.#timer = null;
          void this.tick().then(async () => {
            this.#schedule(await this.#nextWait());
          });
        }),
      delayMs,
    );
    this.#timer.unref();
  }

  async #nextWait(): Promise<number> {
    const max = this.d.maxWaitMs ?? 30_000;
    const now = this.d.now();
    let next = now + max;
    try {
      for (const p of await this.d.enabledPolicies()) {
        const slot = nextSlots(
          {
            full: checkedCron(p.full.cron, p.timeZone),
            incremental: p.incremental ? checkedCron(p.incremental.cron, p.timeZone) : null,
            timeZone: p.timeZone,
          },
          now,
          1,
        )[0];
        if (slot) next = Math.min(next, Date.parse(slot.at));
      }
    } catch (e) {
      this.d.log.warn({ err: e }, 'policy scheduler could not plan its next round');
    }
    return Math.max(MIN_WAIT_MS, next - now);
  }
}

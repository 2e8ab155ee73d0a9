import type { Db } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import type { Scope } from '../../lib/scope.js';
import { selectDbNow } from './active.sql.js';
import { obTimeToUs } from './watcher-keyset.js';

/** How often the watcher reads the cluster's clock by default (a statement every 10 s, not each poll). */
export const DEFAULT_CLOCK_CHECK_MS = 10_000;

/**
 * When the watcher asks the cluster for its time, and how long ago it last did, on the
 * watcher's own clock. A check is due every `everyMs`, and at once when the watcher's own clock
 * went back (its host stepped too): the time since the last check is then unknown, taken as 0.
 */
export class ClockCheck {
  #lastMs: number | null = null;

  constructor(private readonly everyMs: number) {}

  due(nowMs: number): boolean {
    const last = this.#lastMs;
    return last === null || nowMs < last || nowMs - last >= this.everyMs;
  }

  /** Since the last check, or since `startedAtMs` before the first one. */
  sinceMs(nowMs: number, startedAtMs: number): number {
    return Math.max(0, nowMs - (this.#lastMs ?? startedAtMs));
  }

  /** A poll that read the clock succeeded. */
  done(nowMs: number): void {
    this.#lastMs = nowMs;
  }
}

/** The cluster's present in µs (NOW(6) in UTC; Oracle mode: SYS_EXTRACT_UTC(SYSTIMESTAMP)), or null. */
export async function readClusterUs(db: Db, scope: Scope): Promise<number | null> {
  renewBudget();
  const text = await selectDbNow(db, scope);
  const us = text === null ? NaN : obTimeToUs(text);
  return Number.isFinite(us) ? us : null;
}

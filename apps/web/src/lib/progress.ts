import type { Progress } from '@obconsole/contracts';
import { env } from '../config/env';

/**
 * Seconds left to show, or null while an estimate would mislead: before the BFF has one, and
 * until more than etaMinPercent of the work is done. Between updates it counts down locally.
 */
export function visibleEta(progress: Progress, secondsSinceUpdate: number): number | null {
  if (progress.etaSeconds === null || !(progress.percent > env.etaMinPercent)) return null;
  return Math.max(0, progress.etaSeconds - Math.max(0, secondsSinceUpdate));
}

/** Elapsed time, advanced locally between updates. */
export function liveElapsed(progress: Progress, secondsSinceUpdate: number): number {
  return progress.elapsedSeconds + Math.max(0, secondsSinceUpdate);
}

/** The bar: never 100 before the job is COMPLETED (the BFF says so too), never negative. */
export function barPercent(percent: number): number {
  return Math.min(99.99, Math.max(0, Math.round(percent * 100) / 100));
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './errors.js';

/**
 * What one API request may still spend on the database. Every statement and every wait for a
 * connection takes its time from here, so a request answers within OB_QUERY_TIMEOUT_MS however
 * many statements it runs; and a request whose client has gone sends nothing more.
 */
export interface RequestBudget {
  /** Epoch ms after which no statement is sent. */
  deadline: number;
  /** Aborted when the client closed the connection before the answer. */
  signal: AbortSignal;
  /** The whole budget, for renewBudget(). */
  ms?: number;
}

const budgets = new AsyncLocalStorage<RequestBudget>();

export function withBudget<T>(budget: RequestBudget, fn: () => T): T {
  return budgets.run(budget, fn);
}

/**
 * A fresh budget for the next step of an answer that has already begun (a streamed CSV export
 * reads page after page): the time limit is on each page, not on the whole download.
 */
export function renewBudget(): void {
  const b = budgets.getStore();
  if (b?.ms !== undefined) b.deadline = Date.now() + b.ms;
}

const NEVER = new AbortController().signal;

/**
 * Runs work that several requests share (a single-flight read) on a budget of its own, as long
 * as the current request's whole budget but not aborted when that request's client leaves.
 */
export function withDetachedBudget<T>(fn: () => T): T {
  const b = budgets.getStore();
  if (b?.ms === undefined) return fn();
  return budgets.run({ deadline: Date.now() + b.ms, signal: NEVER, ms: b.ms }, fn);
}

export function currentBudget(): RequestBudget | undefined {
  return budgets.getStore();
}

export function timedOut(ms: number): AppError {
  return new AppError(
    'DATABASE_UNAVAILABLE',
    `The database did not answer within ${Math.round(ms / 100) / 10} s. Try again in a moment.`,
  );
}

/**
 * The time a statement may take now: the request's remainder (background work such as pollers
 * has no request, so it gets `fallbackMs`). Throws, sending nothing, when the request has run
 * out of time or its client has gone.
 */
export function remainingMs(fallbackMs: number): number {
  const b = budgets.getStore();
  if (!b) return fallbackMs;
  if (b.signal.aborted) {
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      'The request was abandoned by its client before it reached the database.',
    );
  }
  const left = b.deadline - Date.now();
  if (left <= 0) throw timedOut(fallbackMs);
  return Math.min(left, fallbackMs);
}

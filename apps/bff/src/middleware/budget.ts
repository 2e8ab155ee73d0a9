import type { NextFunction, Request, Response } from 'express';
import { withBudget } from '../lib/deadline.js';

/**
 * Gives each API request its database time (OB_QUERY_TIMEOUT_MS in all) and a signal that fires
 * when its client goes away, so nothing is sent to the database for a request nobody awaits.
 */
export function requestBudget(queryTimeoutMs: number) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const abandoned = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    withBudget(
      { deadline: Date.now() + queryTimeoutMs, signal: abandoned.signal, ms: queryTimeoutMs },
      next,
    );
  };
}

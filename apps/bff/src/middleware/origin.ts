import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mutations only from the console's own origin. Browsers send Origin on every cross-site and
 * same-site POST/DELETE; a request without it is not a browser form (those cannot send JSON
 * without a preflight), so it passes to the cookie and SameSite checks.
 */
export function sameOriginOnly(publicOrigin?: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    if (!origin) {
      if (site && site !== 'same-origin' && site !== 'none') {
        return next(
          new AppError(
            'CROSS_ORIGIN_REJECTED',
            'Changes are only accepted from the console itself.',
          ),
        );
      }
      return next();
    }
    const own = publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== own) {
      return next(
        new AppError('CROSS_ORIGIN_REJECTED', 'Changes are only accepted from the console itself.'),
      );
    }
    next();
  };
}

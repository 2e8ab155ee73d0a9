import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.js';

/**
 * Answers only to the console's own host names, so DNS rebinding fails: a page on
 * evil.example whose name is re-pointed at the console still sends `Host: evil.example`.
 * Allowed: PUBLIC_ORIGIN's host, ALLOWED_HOSTS, localhost, and IP literals (a rebinding needs a
 * name, never an address).
 */
export function allowedHostsOnly(publicOrigin: string | undefined, extra: string[] = []) {
  const allowed = new Set(['localhost', ...extra.map((h) => h.toLowerCase())]);
  if (publicOrigin) allowed.add(new URL(publicOrigin).hostname.toLowerCase());
  return (req: Request, _res: Response, next: NextFunction): void => {
    const host = hostnameOf(req.headers.host ?? '');
    if (host !== null && (allowed.has(host) || isIP(host) !== 0)) return next();
    next(
      new AppError(
        'MISDIRECTED_REQUEST',
        `This console does not answer to the host name "${(req.headers.host ?? '').slice(0, 100)}". Open it at its own address${publicOrigin ? ` (${publicOrigin})` : ''}, or add the name to ALLOWED_HOSTS.`,
        undefined,
        { host: host ?? '', publicOrigin: publicOrigin ?? '' },
      ),
    );
  };
}

/** The host name of a Host header, without the port and IPv6 brackets; null when malformed. */
function hostnameOf(header: string): string | null {
  const h = header.trim().toLowerCase();
  if (h === '') return null;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : null;
  }
  const name = h.replace(/:\d+$/, '');
  return /^[a-z0-9.-]+$/.test(name) ? name.replace(/\.$/, '') : null;
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import createMemoryStore from 'memorystore';
import { accountKey } from '../lib/db.js';
import type { AppDeps } from '../lib/deps.js';
import { depsOf } from '../lib/deps.js';
import { AppError } from '../lib/errors.js';
import { Scope } from '../lib/scope.js';
import type { SessionProfile } from '../lib/context.js';

declare module 'express-session' {
  interface SessionData {
    profile: SessionProfile;
    createdAt: number;
  }
}

export const SESSION_COOKIE = 'obconsole.sid';

/** The cookie session: who is logged in. The database side lives in the SessionRegistry. */
export function sessionMiddleware(deps: AppDeps): RequestHandler {
  const MemoryStore = createMemoryStore(session);
  const o = deps.options;
  return session({
    name: SESSION_COOKIE,
    secret: o.sessionSecret,
    store: new MemoryStore({ checkPeriod: 60_000 }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: o.trustProxy,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      // In production behind the proxy always Secure (app.ts treats those requests as HTTPS).
      secure: o.trustProxy ? (o.production ? true : 'auto') : false,
      // The idle timeout is the registry's to enforce: it knows that a stream watching a running
      // backup is activity, which a browser cookie's expiry cannot (an open stream sets no cookie).
      maxAge: o.sessionAbsoluteMs ?? 12 * 3_600_000,
      path: '/',
    },
  });
}

/** 401 unless the session is live on both sides; then req.ctx carries the database access. */
export function requireSession(req: Request, _res: Response, next: NextFunction): void {
  const deps = depsOf(req);
  const profile = req.session.profile;
  if (!profile)
    return next(
      new AppError('UNAUTHENTICATED', 'Your session has ended. Log in again.', undefined, {
        variant: 'ended',
      }),
    );
  const absoluteMs = deps.options.sessionAbsoluteMs ?? 12 * 3_600_000;
  const entry = deps.registry.touch(req.sessionID);
  const now = deps.options.now ?? Date.now;
  if (!entry || now() - (req.session.createdAt ?? 0) > absoluteMs) {
    void deps.registry.remove(req.sessionID, 'expired');
    req.session.destroy(() => undefined);
    return next(
      new AppError('UNAUTHENTICATED', 'Your session has expired. Log in again.', undefined, {
        variant: 'expired',
      }),
    );
  }
  const account = entry.db.account;
  req.ctx = {
    sessionId: req.sessionID,
    profile,
    account,
    db: entry.db,
    scope: new Scope(profile.mode, profile.isSys, profile.tenantId),
    accountKey: accountKey(account),
    serverKey: `${account.target.host}:${account.target.port}`,
  };
  next();
}

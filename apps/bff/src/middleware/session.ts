import type { ClusterContext } from '../features/fleet/fleet-context.js';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { AppDeps } from '../lib/deps.js';
import { AppError } from '../lib/errors.js';
import { accountContext, type SessionProfile } from '../lib/context.js';
import { clusterOf } from './cluster.js';

/** One sign-in of a browser session to one cluster; its database side is in the registry. */
export interface SignIn {
  /** The registry's key: random, kept in the session store, never sent to the browser. */
  signInId: string;
  profile: SessionProfile;
  createdAt: number;
  /** Several instances: the database password sealed for this sign-in, so any instance can reopen it. */
  sealed?: string;
}

declare module 'express-session' {
  interface SessionData {
    /** clusterId → this browser session's sign-in to it. */
    signIns: Record<string, SignIn>;
  }
}

export const SESSION_COOKIE = 'obconsole.sid';

/** The cookie session: who is signed in where. The database side lives in the registry. */
export function sessionMiddleware(deps: AppDeps): RequestHandler {
  const o = deps.options;
  return session({
    name: SESSION_COOKIE,
    secret: o.sessionSecret,
    store: withoutTouch(deps.sessionStore),
    resave: false,
    saveUninitialized: false,
    // The cookie is set when the session changes (sign-in, sign-out) and lives to the absolute
    // timeout (decision 007); re-signing and re-sending it on every answer bought nothing.
    rolling: false,
    proxy: o.trustProxy,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      // In production behind the proxy always Secure (app.ts treats those requests as HTTPS).
      secure: o.trustProxy ? (o.production ? true : 'auto') : false,
      // The idle timeout is the registry's to enforce: it knows that a stream watching a running
      // backup is activity, which a browser cookie's expiry cannot (an open stream sets no cookie).
      maxAge: deps.absoluteMs,
      path: '/',
    },
  });
}

/**
 * The store without `touch`. With a cookie that is not rolling, touching only moved the stored
 * entry's expiry on every answer (memorystore re-parsed and re-wrote the session, Redis got an
 * EXPIRE) and held the answer back until the store called back. Nothing needs it: the entry
 * expires an absolute timeout after its last save, and every sign-in in it was made at or before
 * that save and ends an absolute timeout after it was made (requireSession), so no live sign-in
 * outlives its entry.
 */
function withoutTouch(store: session.Store): session.Store {
  Object.defineProperty(store, 'touch', { value: undefined, configurable: true });
  return store;
}

/** This browser session's sign-in to a cluster, if it has one (live or not). */
export function signInOf(req: Request, clusterId: string): SignIn | undefined {
  return req.session.signIns?.[clusterId];
}

/** The registry's entry of a browser session's sign-in (reopened here if made elsewhere). */
export function entryOf(deps: AppDeps, clusterId: string, signIn: SignIn, activity: boolean) {
  return deps.registry.resolve(signIn.signInId, { clusterId, ...signIn }, activity);
}

/** Whether a sign-in is still live on both sides, without counting as activity. */
export async function isLive(deps: AppDeps, clusterId: string, signIn: SignIn): Promise<boolean> {
  return (
    (await entryOf(deps, clusterId, signIn, false)) !== undefined &&
    deps.now() - signIn.createdAt <= deps.absoluteMs
  );
}

/**
 * 401 unless this browser session's sign-in to the route's cluster is live on both sides; then
 * req.ctx carries that account's context. An expired sign-in is dropped; the other clusters'
 * sign-ins are kept.
 */
export function requireSession(deps: AppDeps): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const cluster = clusterOf(req);
    const signIn = signInOf(req, cluster.id);
    if (!signIn)
      return next(
        new AppError('UNAUTHENTICATED', 'Your session has ended. Log in again.', undefined, {
          variant: 'ended',
          cluster: cluster.id,
        }),
      );
    const entry = await entryOf(deps, cluster.id, signIn, true);
    if (!entry || deps.now() - signIn.createdAt > deps.absoluteMs) {
      void deps.registry.remove(signIn.signInId, 'expired');
      delete req.session.signIns![cluster.id];
      return next(
        new AppError('UNAUTHENTICATED', 'Your session has expired. Log in again.', undefined, {
          variant: 'expired',
          cluster: cluster.id,
        }),
      );
    }
    req.ctx = {
      ...accountContext(cluster.id, signIn.profile, entry.db, deps.facts),
      signInId: signIn.signInId,
    };
    next();
  };
}

/**
 * Every cluster this browser session is signed in to, live, with that sign-in's own context (the
 * fleet pages); reading them is activity, as any request is. Expired sign-ins are dropped.
 */
export async function signedInClusters(deps: AppDeps, req: Request): Promise<ClusterContext[]> {
  // Resolved side by side: with several instances each one may ask the shared store.
  const resolved = await Promise.all(
    Object.entries(req.session.signIns ?? {}).map(async ([clusterId, signIn]) => {
      const cluster = deps.clusters.get(clusterId);
      const entry = cluster ? await entryOf(deps, clusterId, signIn, true) : undefined;
      return { clusterId, signIn, cluster, entry };
    }),
  );
  const out = [];
  for (const { clusterId, signIn, cluster, entry } of resolved) {
    if (!cluster || !entry || deps.now() - signIn.createdAt > deps.absoluteMs) {
      if (cluster) void deps.registry.remove(signIn.signInId, 'expired');
      delete req.session.signIns![clusterId];
      continue;
    }
    out.push({
      clusterId,
      name: cluster.name,
      ctx: accountContext(clusterId, signIn.profile, entry.db, deps.facts),
      starters: cluster.starters,
    });
  }
  return out;
}

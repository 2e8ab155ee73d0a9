import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  API,
  CLUSTER_API,
  LoginRequest,
  SessionInfo,
  type SessionStatus,
} from '@obconsole/contracts';
import type { AppDeps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import { clusterOf } from '../../middleware/cluster.js';
import {
  entryOf,
  requireSession,
  signInOf,
  SESSION_COOKIE,
  type SignIn,
} from '../../middleware/session.js';
import { originOf } from '../../lib/audit.js';
import { login } from './session.service.js';
import { loginAccountKey } from './login-guard.js';
import { currentSignIns, leaveForwardingAddress } from './handover.js';
import { KeyedLock } from '../../lib/keyed-lock.js';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err as Error) : resolve())),
  );
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((err) => (err ? reject(err as Error) : resolve())),
  );
}

async function endCookieSession(req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
  res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
}

/** Sign-in, status and sign-out of one cluster; mounted under CLUSTER_BASE. */
export function clusterSessionRouter(deps: AppDeps): Router {
  const r = Router({ mergeParams: true });
  const { registry, loginLimits } = deps;
  const requireSignIn = requireSession(deps);
  const handovers = new KeyedLock();

  r.post(CLUSTER_API.session, async (req, res) => {
    const cluster = clusterOf(req);
    const input = parse(LoginRequest, req.body, 'login');
    const address = req.ip ?? '';
    const account = loginAccountKey(cluster.id, input.tenant, input.user);
    await loginLimits.check(address, account);
    const cap = deps.options.caps?.sessionsPerAccount ?? 20;
    const arrivedAs = req.sessionID;
    const previous = signInOf(req, cluster.id);
    const live = registry.count(
      (e) =>
        e.clusterId === cluster.id &&
        loginAccountKey(e.clusterId, e.profile.tenant, e.profile.user) === account,
      previous?.signInId,
    );
    if (live >= cap) {
      throw new AppError(
        'TOO_MANY_SESSIONS',
        `${input.user}@${input.tenant} already has ${live} sessions open on ${cluster.id} (the limit is ${cap}). Log out of a session you no longer use, or wait for idle ones to expire.`,
        { limit: cap },
        { account: `${input.user}@${input.tenant}`, live, limit: cap, cluster: cluster.id },
      );
    }
    let outcome;
    const origin = originOf(req, cluster.id, `${input.user}@${input.tenant}`);
    try {
      outcome = await login(cluster.target, input, deps.dbSettings, cluster.log);
    } catch (e) {
      // Only wrong credentials count: an unreachable database is nobody's guess.
      if (e instanceof AppError && e.code === 'LOGIN_FAILED') {
        await loginLimits.failed(address, account);
        deps.audit.recordQuietly(origin, {
          action: 'sign_in_failed',
          outcome: 'failure',
          errorCode: 'LOGIN_FAILED',
          secrets: [input.password],
        });
      }
      throw e;
    }
    await loginLimits.succeeded(address, account);
    const { profile, db } = outcome;
    try {
      // One sign-in of a browser session at a time: each carries over what the last one left.
      await handovers.run(arrivedAs, async () => {
        // A new cookie at every sign-in (session fixation); the other clusters' sign-ins move over.
        const hadSession = req.session.signIns !== undefined;
        const kept = hadSession ? await currentSignIns(deps.sessionStore, arrivedAs) : {};
        const replaced = kept[cluster.id];
        delete kept[cluster.id];
        await regenerate(req);
        if (replaced) await registry.remove(replaced.signInId, 'replaced by a new login');
        const signInId = randomUUID();
        const sealed = registry.seal(signInId, input.password);
        req.session.signIns = {
          ...kept,
          [cluster.id]: { signInId, profile, createdAt: deps.now(), ...(sealed ? { sealed } : {}) },
        };
        registry.add(signInId, cluster.id, profile, db, {
          clientAddress: req.ip ?? null,
          userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
        });
        await save(req);
        if (hadSession) await leaveForwardingAddress(deps.sessionStore, arrivedAs, req.sessionID);
      });
    } catch (e) {
      await db.close();
      throw e;
    }
    cluster.log.info(
      { user: profile.user, tenant: profile.tenant, canBackup: profile.canBackup },
      'login',
    );
    deps.audit.recordQuietly(origin, {
      action: 'sign_in',
      outcome: 'success',
      tenants: profile.isSys ? [] : [profile.tenant],
      details: { canBackup: profile.canBackup, mode: profile.mode },
      secrets: [input.password],
    });
    res.json(SessionInfo.parse(profile));
  });

  // Registered before GET .../session/... routes could shadow it; never touches the sign-in.
  r.get(CLUSTER_API.sessionStatus, async (req, res) => {
    const cluster = clusterOf(req);
    const signIn = signInOf(req, cluster.id);
    const entry = signIn ? await entryOf(deps, cluster.id, signIn, false) : undefined;
    let body: SessionStatus;
    if (!signIn) body = { signedIn: false, reason: 'none' };
    else if (!entry || deps.now() - signIn.createdAt > deps.absoluteMs)
      body = { signedIn: false, reason: 'expired' };
    else {
      const { idleAt, absoluteAt } = registry.expiry(entry);
      body = {
        signedIn: true,
        session: SessionInfo.parse(signIn.profile),
        idleExpiresAt: new Date(idleAt).toISOString(),
        serverTime: new Date(deps.now()).toISOString(),
        idleTimeoutSeconds: Math.round(deps.idleMs / 1000),
        absoluteExpiresAt: new Date(
          Math.min(absoluteAt, signIn.createdAt + deps.absoluteMs),
        ).toISOString(),
      };
    }
    res.set('Cache-Control', 'no-store').json(body);
  });

  // Also how the web extends a sign-in before it idles out: any authenticated request is activity.
  r.get(CLUSTER_API.session, requireSignIn, (req, res) => {
    res.json(SessionInfo.parse(req.ctx!.profile));
  });

  // Signs out of this cluster only; the cookie ends with the last sign-in.
  r.delete(CLUSTER_API.session, async (req, res) => {
    const cluster = clusterOf(req);
    const signIn = signInOf(req, cluster.id);
    if (signIn) {
      await registry.remove(signIn.signInId, 'logout');
      delete req.session.signIns![cluster.id];
      recordSignOut(deps, req, cluster.id, signIn);
    }
    if (Object.keys(req.session.signIns ?? {}).length === 0) await endCookieSession(req, res);
    else await save(req);
    res.status(204).end();
  });
  return r;
}

/** DELETE /api/session: signs out of every cluster. */
export function sessionRouter(deps: AppDeps): Router {
  const r = Router();
  r.delete(API.session, async (req, res) => {
    for (const [clusterId, signIn] of Object.entries(req.session.signIns ?? {})) {
      await deps.registry.remove(signIn.signInId, 'logout');
      recordSignOut(deps, req, clusterId, signIn);
    }
    await endCookieSession(req, res);
    res.status(204).end();
  });
  return r;
}

function recordSignOut(deps: AppDeps, req: Request, clusterId: string, signIn: SignIn): void {
  const { user, tenant, isSys } = signIn.profile;
  deps.audit.recordQuietly(originOf(req, clusterId, `${user}@${tenant}`), {
    action: 'sign_out',
    outcome: 'success',
    tenants: isSys ? [] : [tenant],
  });
}

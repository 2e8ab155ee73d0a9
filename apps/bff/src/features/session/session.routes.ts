import { Router, type Request } from 'express';
import { LoginRequest, SessionInfo, type SessionStatus } from '@obconsole/contracts';
import { depsOf, type AppDeps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import { requireSession, SESSION_COOKIE } from '../../middleware/session.js';
import { login } from './session.service.js';
import { LoginGuard, loginAccountKey } from './login-guard.js';

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

export function sessionRouter(deps: AppDeps): Router {
  const r = Router();
  const limit = deps.options.loginRateLimit ?? { max: 10, windowMs: 15 * 60_000 };
  const guard = new LoginGuard(
    { max: limit.max, windowMs: limit.windowMs, perAddress: limit.perAddress ?? limit.max * 5 },
    deps.options.now,
  );

  r.post('/api/session', async (req, res) => {
    const input = parse(LoginRequest, req.body, 'login');
    const { options, dbSettings, log, registry } = depsOf(req);
    const address = req.ip ?? '';
    const account = loginAccountKey(input.tenant, input.user);
    guard.check(address, account);
    const cap = options.caps?.sessionsPerAccount ?? 20;
    const live = registry.count(
      (p) => loginAccountKey(p.tenant, p.user) === account,
      req.sessionID,
    );
    if (live >= cap) {
      throw new AppError(
        'TOO_MANY_SESSIONS',
        `${input.user}@${input.tenant} already has ${live} sessions open (the limit is ${cap}). Log out of a session you no longer use, or wait for idle ones to expire.`,
        { limit: cap },
        { account: `${input.user}@${input.tenant}`, live, limit: cap },
      );
    }
    let outcome;
    try {
      outcome = await login(options.target, input, dbSettings, log);
    } catch (e) {
      // Only wrong credentials count: an unreachable database is nobody's guess.
      if (e instanceof AppError && e.code === 'LOGIN_FAILED') guard.failed(address, account);
      throw e;
    }
    guard.succeeded(address, account);
    const { profile, db } = outcome;
    const previous = req.sessionID;
    try {
      await regenerate(req);
      await registry.remove(previous, 'replaced by a new login');
      req.session.profile = profile;
      req.session.createdAt = (options.now ?? Date.now)();
      registry.add(req.sessionID, profile, db);
      await save(req);
    } catch (e) {
      await db.close();
      throw e;
    }
    log.info({ user: profile.user, tenant: profile.tenant, canBackup: profile.canBackup }, 'login');
    res.json(SessionInfo.parse(profile));
  });

  // Registered before GET /api/session/... routes could shadow it; never touches the session.
  r.get('/api/session/status', (req, res) => {
    const { registry, options } = depsOf(req);
    const profile = req.session.profile;
    const entry = profile ? registry.peek(req.sessionID) : undefined;
    const now = (options.now ?? Date.now)();
    const absoluteMs = options.sessionAbsoluteMs ?? 12 * 3_600_000;
    let body: SessionStatus;
    if (!profile) body = { signedIn: false, reason: 'none' };
    else if (!entry || now - (req.session.createdAt ?? 0) > absoluteMs)
      body = { signedIn: false, reason: 'expired' };
    else {
      const { idleAt, absoluteAt } = registry.expiry(entry);
      body = {
        signedIn: true,
        session: SessionInfo.parse(profile),
        idleExpiresAt: new Date(idleAt).toISOString(),
        serverTime: new Date(now).toISOString(),
        idleTimeoutSeconds: Math.round((options.sessionIdleMs ?? 30 * 60_000) / 1000),
        absoluteExpiresAt: new Date(
          Math.min(absoluteAt, (req.session.createdAt ?? 0) + absoluteMs),
        ).toISOString(),
      };
    }
    res.set('Cache-Control', 'no-store').json(body);
  });

  // Also how the web extends a session before it idles out: any authenticated request is activity.
  r.get('/api/session', requireSession, (req, res) => {
    res.json(SessionInfo.parse(req.ctx!.profile));
  });

  r.delete('/api/session', async (req, res) => {
    const { registry } = depsOf(req);
    await registry.remove(req.sessionID, 'logout');
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
    res.status(204).end();
  });
  return r;
}

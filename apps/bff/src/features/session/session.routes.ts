import { Router, type Request } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { LoginRequest, SessionInfo, type SessionStatus } from '@obconsole/contracts';
import { depsOf, type AppDeps } from '../../lib/deps.js';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import { requireSession, SESSION_COOKIE } from '../../middleware/session.js';
import { login } from './session.service.js';

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
  // Failed logins count per client address and account; a successful login does not.
  const loginLimiter = rateLimit({
    windowMs: limit.windowMs,
    limit: limit.max,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const body = (req.body ?? {}) as { user?: unknown; tenant?: unknown };
      const who = `${typeof body.tenant === 'string' ? body.tenant.toLowerCase() : 'sys'}/${typeof body.user === 'string' ? body.user : ''}`;
      return `${ipKeyGenerator(req.ip ?? '')}|${who}`;
    },
    handler: (_req, _res, next, options) => {
      const retryAfterSeconds = Math.ceil(options.windowMs / 1000);
      next(
        new AppError(
          'RATE_LIMITED',
          `Too many failed logins. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`,
          {
            retryAfterSeconds,
          },
        ),
      );
    },
  });

  r.post('/api/session', loginLimiter, async (req, res) => {
    const input = parse(LoginRequest, req.body, 'login');
    const { options, dbSettings, log, registry } = depsOf(req);
    const { profile, db } = await login(options.target, input, dbSettings, log);
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

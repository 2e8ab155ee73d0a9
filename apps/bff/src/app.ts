import express, { type Express } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { CLUSTER_BASE } from '@obconsole/contracts';
import type { AppDeps } from './lib/deps.js';
import { AppError } from './lib/errors.js';
import { requireSession, sessionMiddleware } from './middleware/session.js';
import { clusterOf, resolveCluster } from './middleware/cluster.js';
import { sameOriginOnly } from './middleware/origin.js';
import { errorHandler } from './middleware/errors.js';
import { fleetRouter } from './features/fleet/fleet.routes.js';
import { auditRouter } from './features/audit/audit.routes.js';
import { auditAccess } from './middleware/audit-access.js';
import { signedInClusters } from './middleware/session.js';
import { requestBudget } from './middleware/budget.js';
import { allowedHostsOnly } from './middleware/host.js';
import { clusterSessionRouter, sessionRouter } from './features/session/session.routes.js';
import { clustersRouter } from './features/clusters/clusters.routes.js';
import { tenantsRouter } from './features/tenants/tenants.routes.js';
import { backupsRouter } from './features/backups/backups.routes.js';
import { historyRouter } from './features/history/history.routes.js';
import { healthRouter } from './features/health/health.routes.js';
import { policiesRouter } from './features/policies/policies.routes.js';
import { alertsRouter } from './features/alerts/alerts.routes.js';
import { readyRouter } from './scale/ready.routes.js';
import { wholeAnswerGzip } from './middleware/whole-answer-gzip.js';
import { requestLog } from './middleware/request-log.js';

export type { AppDeps, AppOptions } from './lib/deps.js';
export { buildServices } from './composition.js';

export interface ConsoleApp {
  app: Express;
  deps: AppDeps;
  /** Closes every session pool and poller; the HTTP server is the caller's. */
  close(): Promise<void>;
}

/** Builds the BFF from the composition root's services: middleware, routers, the error handler. Never listens. */
export function createApp(deps: AppDeps): ConsoleApp {
  const { options, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // res.send hashes every body for an ETag; API answers are no-store, so nothing could ever
  // revalidate one. Static files keep theirs (serve-static and sendFile set their own).
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy ? 1 : false);
  app.use(allowedHostsOnly(options.publicOrigin, options.allowedHosts));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // antd injects its CSS-in-JS styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: options.trustProxy ? [] : null,
        },
      },
    }),
  );
  // Health probes would drown the log.
  app.use(requestLog(log, (url) => url === '/api/health' || url === '/api/health/ready'));
  // Below 8 KiB (a tenants list, the active jobs, a session) gzip cost more of the BFF's time per
  // request than the few hundred bytes it saved.
  const API_GZIP_THRESHOLD = 8 * 1024;
  // Server-Sent Events must not sit in a compression buffer.
  const compressible = (req: express.Request, res: express.Response) =>
    !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
    compression.filter(req, res);
  // Streamed API answers (the CSV exports); those sent whole are gzipped by wholeAnswerGzip.
  const csvCompression = compression({
    threshold: API_GZIP_THRESHOLD,
    // The fastest level: JSON compresses well at any level, and each answer's deflate is CPU
    // the request waits for (a 18 KB history-like body: level 1 ~10% less time than 6, output
    // 1.6 KB instead of 1.3 KB).
    level: zlibConstants.Z_BEST_SPEED,
    filter: compressible,
  });
  // The SPA's files are what a first visit waits for: every one over 1 KiB (a route's small
  // chunk, the stylesheet) goes compressed, at zlib's default level.
  const assetCompression = compression({ threshold: 1024, filter: compressible });
  app.use('/api', wholeAnswerGzip(API_GZIP_THRESHOLD, zlibConstants.Z_BEST_SPEED));
  // Only the CSV exports stream: every other API answer is sent whole (or is the SSE stream),
  // and the compression middleware's hooks on every response cost each of them its share.
  app.use((req, res, next) => {
    if (req.path !== '/api' && !req.path.startsWith('/api/'))
      return assetCompression(req, res, next);
    if (req.path.endsWith('.csv')) return csvCompression(req, res, next);
    next();
  });
  // API answers belong to one signed-in user: no browser or proxy may keep a copy.
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  if (options.trustProxy && options.production) {
    // Behind a TLS-terminating proxy in production the browser's side is HTTPS by contract: the
    // session cookie is Secure and the origin https, whatever X-Forwarded-Proto says.
    app.use((req, _res, next) => {
      req.headers['x-forwarded-proto'] = 'https';
      next();
    });
  }
  app.use('/api', express.json({ limit: '16kb', strict: true }));
  app.use('/api', sameOriginOnly(options.publicOrigin));
  app.use('/api', sessionMiddleware(deps));
  app.use('/api', requestBudget(deps.dbSettings.queryTimeoutMs));

  app.use(readyRouter(deps));
  app.use(healthRouter(deps));
  app.use(clustersRouter(deps));
  app.use(sessionRouter(deps));
  // Every cluster's routes: the same paths and semantics under /api/clusters/:clusterId.
  const requireSignIn = requireSession(deps);
  const cluster = express.Router({ mergeParams: true });
  cluster.use(resolveCluster(deps));
  cluster.use(clusterSessionRouter(deps));
  cluster.use(tenantsRouter(requireSignIn));
  cluster.use(backupsRouter(deps, requireSignIn));
  cluster.use(historyRouter(requireSignIn));
  cluster.use(policiesRouter(requireSignIn, (req) => clusterOf(req).policies.deps, deps.audit));
  cluster.use(alertsRouter(deps, requireSignIn));
  app.use(CLUSTER_BASE, cluster);
  app.use(auditRouter({ audit: deps.audit.trail, access: (req) => auditAccess(deps, req) }));
  app.use(
    fleetRouter({
      contexts: (req) => signedInClusters(deps, req),
      sessionSecret: options.sessionSecret,
      log,
      now: deps.now,
    }),
  );
  app.use('/api', (_req, _res, next) =>
    next(new AppError('NOT_FOUND', 'No such API route.', undefined, { variant: 'route' })),
  );

  if (options.webDist && existsSync(path.join(options.webDist, 'index.html'))) {
    const dist = options.webDist;
    app.use(
      '/assets',
      express.static(path.join(dist, 'assets'), {
        immutable: true,
        maxAge: '1y',
        index: false,
        fallthrough: false,
      }),
    );
    app.use(express.static(dist, { index: false, maxAge: 0 }));
    // Client-side routes all load the SPA shell, which must never be cached stale (no-cache: the
    // browser revalidates it by its ETag). Served by serve-static, whose ETag does not follow the
    // app's etag setting as res.sendFile's does.
    const shell = express.static(dist, {
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.set('Cache-Control', 'no-cache'),
    });
    app.get(/^\/(?!api\/).*/, (req, res, next) => {
      const url = req.url;
      req.url = '/index.html';
      shell(req, res, next);
      // serve-static has taken the path; the log and later handlers see the route asked for.
      req.url = url;
    });
  }

  app.use(errorHandler(log));
  return {
    app,
    deps,
    close: () => deps.close(),
  };
}

import type { NextFunction, Request, Response } from 'express';
import type { AppDeps, ClusterRuntime } from '../lib/deps.js';
import { AppError } from '../lib/errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    cluster?: ClusterRuntime;
  }
}

/** The cluster of /api/clusters/:clusterId/...; an id that is not configured is a 404 naming it. */
export function resolveCluster(deps: AppDeps) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const id = String(req.params.clusterId ?? '');
    const cluster = deps.clusters.get(id);
    if (!cluster)
      return next(
        new AppError(
          'NOT_FOUND',
          `There is no cluster "${id.slice(0, 100)}" in this console. Pick one from GET /api/clusters.`,
          undefined,
          { variant: 'cluster', cluster: id.slice(0, 100) },
        ),
      );
    req.cluster = cluster;
    next();
  };
}

/** The cluster resolveCluster() put on the request (routes mounted under it only). */
export function clusterOf(req: Request): ClusterRuntime {
  if (!req.cluster) throw new Error('clusterOf: the route is not mounted under resolveCluster()');
  return req.cluster;
}

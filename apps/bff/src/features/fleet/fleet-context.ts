import type { Request } from 'express';
import type { RequestContext } from '../../lib/context.js';

/** One cluster this browser session is signed in to, with that sign-in's own account context. */
export interface ClusterContext {
  clusterId: string;
  /** The configured display name. */
  name: string;
  ctx: RequestContext;
}

/** Which signed-in clusters a request may search: the integrator plugs in the multi-cluster session. */
export type ClusterContexts = (req: Request) => ClusterContext[] | Promise<ClusterContext[]>;

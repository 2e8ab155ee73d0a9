import type { Request } from 'express';
import type { RequestContext } from '../../lib/context.js';
import type { StarterLookup } from '../jobs/history-started-by.js';

/** One cluster this browser session is signed in to, with that sign-in's own account context. */
export interface ClusterContext {
  clusterId: string;
  /** The configured display name. */
  name: string;
  ctx: RequestContext;
  /** Who started each job (history's "started by"), from the audit trail. */
  starters?: StarterLookup;
}

/** Which signed-in clusters a request may search: the integrator plugs in the multi-cluster session. */
export type ClusterContexts = (req: Request) => ClusterContext[] | Promise<ClusterContext[]>;

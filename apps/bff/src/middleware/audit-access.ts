import type { Request } from 'express';
import type { AppDeps } from '../lib/deps.js';
import { signedInClusters } from './session.js';

/**
 * Who may read the audit trail, from this browser session's live sign-ins: a sys account that
 * may back up (ALTER SYSTEM) reads its cluster's events; a tenant admin its own tenant's; a
 * read-only account nothing. Several sys sign-ins read their clusters together.
 */
export async function auditAccess(
  deps: AppDeps,
  req: Request,
): Promise<{ clusters: string[]; tenant?: string } | null> {
  const live = await signedInClusters(deps, req);
  const sys = live.filter((c) => c.ctx.profile.isSys && c.ctx.profile.canBackup);
  if (sys.length) return { clusters: sys.map((c) => c.clusterId) };
  const admin = live.find((c) => !c.ctx.profile.isSys && c.ctx.profile.canBackup);
  if (admin) return { clusters: [admin.clusterId], tenant: admin.ctx.profile.tenant };
  return null;
}

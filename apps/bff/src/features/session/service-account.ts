import type { ClusterSetting } from '../../config-clusters.js';
import { accountContext, type AccountContext } from '../../lib/context.js';
import type { DbSettings } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { login } from './session.service.js';
import { ServerFacts } from '../jobs/active.js';

/**
 * The context unattended work runs under: the cluster's service account, signed in the way a
 * person is (so the database reports its real privileges), with no HTTP session at all. The
 * caller owns the returned Db and closes it.
 */
export async function serviceAccountContext(
  cluster: Pick<ClusterSetting, 'id' | 'target' | 'serviceAccount'>,
  settings: DbSettings,
  log: Logger,
  facts: ServerFacts = new ServerFacts(),
): Promise<AccountContext> {
  const sa = cluster.serviceAccount;
  if (!sa)
    throw new AppError(
      'FORBIDDEN',
      `Cluster ${cluster.id} has no service account configured.`,
      undefined,
      { variant: 'noServiceAccount', cluster: cluster.id },
    );
  const { profile, db } = await login(
    cluster.target,
    { user: sa.user, tenant: sa.tenant, password: sa.password.reveal() },
    settings,
    log,
  );
  return accountContext(cluster.id, profile, db, facts);
}

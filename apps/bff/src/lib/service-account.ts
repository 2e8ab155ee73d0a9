import type { AccountContext } from './context.js';
import type { DbTarget } from './db.js';
import type { Secret } from './secret.js';

/** A cluster's account for unattended work: user@sys with ALTER SYSTEM, its password kept secret. */
export interface ServiceAccountConfig {
  clusterId: string;
  target: DbTarget;
  user: string;
  /** Always `sys` today: the watcher reads every tenant's CDB_ views. */
  tenant: string;
  password: Secret;
}

export interface ServiceAccount {
  clusterId: string;
  /** The same shape a signed-in request carries, so routes and unattended work call the same services. */
  ctx: AccountContext;
  close(): Promise<void>;
}

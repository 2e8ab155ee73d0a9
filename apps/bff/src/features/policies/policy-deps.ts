import { AppError } from '../../lib/errors.js';
import type { AccountContext } from '../../lib/context.js';
import type { AuditEntry } from '../../lib/audit.js';
import {
  DuplicateNameError,
  type PolicyRepository,
  type PolicyRunStore,
  type SecretBox,
} from '@obconsole/store';
import type { PolicyRecord } from './model.js';
import type { PolicyScheduler } from './scheduler.js';
import { canRead, notFound } from './access.js';

/** What the policy service needs of one cluster. */
export interface PolicyDeps {
  clusterId: string;
  policies: PolicyRepository;
  runs: PolicyRunStore;
  box: SecretBox;
  /** The policies' clock (tests drive it). */
  now: () => number;
  hasServiceAccount: boolean;
  scheduler: PolicyScheduler | null;
}

/** How a change leaves its record: checked writable first, recorded once done. */
export interface PolicyAudit {
  writable(): Promise<void>;
  record(e: AuditEntry): Promise<void>;
}

/** The store failed (not a rule): the action did not happen, and says so as start/cancel do. */
export async function stored<T>(what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof DuplicateNameError)
      throw new AppError(
        'POLICY_NAME_TAKEN',
        `A policy named "${e.duplicate}" already exists in this cluster: choose another name.`,
        { issues: [{ path: 'name', message: 'already used by another policy' }] },
        { name: e.duplicate },
      );
    throw new AppError(
      'STORE_UNAVAILABLE',
      'The console cannot read or write its store right now, so nothing was changed. Try again in a moment.',
      undefined,
      undefined,
      e,
    );
  }
}

export async function load(d: PolicyDeps, ctx: AccountContext, id: string): Promise<PolicyRecord> {
  const p = await stored(() => d.policies.get(d.clusterId, id));
  if (!p || !canRead(ctx, p)) throw notFound(id);
  return p;
}

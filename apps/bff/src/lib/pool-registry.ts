import { createHash } from 'node:crypto';
import type { TenantMode } from '@obconsole/contracts';
import { ConnectionBudget, DEFAULT_BUDGET, type BudgetLimits } from './connection-budget.js';
import { accountKey, type DbAccount, type DbSettings } from './db-account.js';
import { SharedPool } from './pool.js';

/* Which pool a Db borrows from, and the budget of each cluster: one registry per process. */

export const DEFAULT_IDLE_MS = 60_000;

/** Where connections go: host, port and OBProxy cluster name. */
export function clusterKey(account: Pick<DbAccount, 'target'>): string {
  const t = account.target;
  return `${t.host}:${t.port}/${t.cluster ?? ''}`;
}

/** The shared pools and the budget of each cluster, for this process. */
export class PoolRegistry {
  readonly #pools = new Map<string, SharedPool>();
  readonly #budgets = new Map<string, ConnectionBudget>();
  readonly #byCluster = new Map<string, Set<SharedPool>>();

  budgetOf(cluster: string, limits: BudgetLimits): ConnectionBudget {
    let budget = this.#budgets.get(cluster);
    if (!budget) {
      budget = new ConnectionBudget(limits);
      const pools = this.#poolsOf(cluster);
      budget.onReclaim((except) => {
        for (const p of pools) if (p.account !== except && p.closeOneIdle()) return true;
        return false;
      });
      this.#budgets.set(cluster, budget);
    }
    return budget;
  }

  #poolsOf(cluster: string): Set<SharedPool> {
    let set = this.#byCluster.get(cluster);
    if (!set) {
      set = new Set();
      this.#byCluster.set(cluster, set);
    }
    return set;
  }

  /** The pool of this account, one user more; pair with pool.leave(). */
  borrow(account: DbAccount, mode: TenantMode, settings: DbSettings): SharedPool {
    const acct = accountKey(account);
    // The password is part of the pool's identity (a changed password gets a pool of its own),
    // never of the budget's: both pools count against the same account.
    const fingerprint = createHash('sha256').update(account.password.reveal()).digest('hex');
    const key = `${acct}\n${mode}\n${fingerprint}`;
    let pool = this.#pools.get(key);
    if (!pool) {
      const cluster = clusterKey(account);
      const pools = this.#poolsOf(cluster);
      pool = new SharedPool(
        key,
        acct,
        account,
        mode,
        settings,
        this.budgetOf(cluster, settings.budget ?? DEFAULT_BUDGET),
        settings.idleMs ?? DEFAULT_IDLE_MS,
        (ended) => {
          if (this.#pools.get(ended.key) === ended) this.#pools.delete(ended.key);
          pools.delete(ended);
        },
      );
      this.#pools.set(key, pool);
      pools.add(pool);
    }
    pool.users += 1;
    return pool;
  }

  get size(): number {
    return this.#pools.size;
  }
}

/** The process's pools: every Db borrows from here. */
export const pools = new PoolRegistry();

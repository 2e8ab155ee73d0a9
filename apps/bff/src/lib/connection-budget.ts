/**
 * How many database connections may be open at once, per database account and per cluster
 * (OB_MAX_CONNECTIONS_PER_ACCOUNT, OB_MAX_CONNECTIONS_PER_CLUSTER). Every connection the BFF
 * opens to a cluster takes a place here first (pooled reads and the dedicated connection of a
 * start alike) and gives it back when it closes. A place that is not free is waited for, first
 * come first served; nothing here opens anything or knows about time: lib/pool.ts does.
 */

export interface BudgetLimits {
  perAccount: number;
  perCluster: number;
}

export const DEFAULT_BUDGET: BudgetLimits = { perAccount: 8, perCluster: 64 };

interface Ticket {
  account: string;
  grant: () => void;
}

export class ConnectionBudget {
  #open = 0;
  readonly #byAccount = new Map<string, number>();
  /** Waiting for a place, in arrival order. */
  readonly #queue: Ticket[] = [];
  /** Asked to close an idle connection of another account when the cluster is full. */
  #reclaim: (exceptAccount: string) => boolean = () => false;

  constructor(readonly limits: BudgetLimits) {}

  /** Set by the pools of this cluster: closes one idle connection (of an account but this one). */
  onReclaim(reclaim: (exceptAccount: string) => boolean): void {
    this.#reclaim = reclaim;
  }

  get open(): number {
    return this.#open;
  }

  openFor(account: string): number {
    return this.#byAccount.get(account) ?? 0;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  #fits(account: string): boolean {
    return this.#open < this.limits.perCluster && this.openFor(account) < this.limits.perAccount;
  }

  #take(account: string): void {
    this.#open += 1;
    this.#byAccount.set(account, this.openFor(account) + 1);
  }

  /**
   * A place now if one is free and nobody queued before (FIFO: a newcomer does not overtake);
   * false otherwise. When only the cluster is full, an idle connection of another account is
   * closed to make room.
   */
  tryTake(account: string): boolean {
    if (this.#queue.some((t) => t.account === account)) return false;
    if (!this.#fits(account) && this.openFor(account) < this.limits.perAccount) {
      this.#reclaim(account);
    }
    if (!this.#fits(account)) return false;
    this.#take(account);
    return true;
  }

  /** Waits for a place; `grant` runs once it is taken. The returned function withdraws the wait. */
  wait(account: string, grant: () => void): () => void {
    const ticket: Ticket = { account, grant };
    this.#queue.push(ticket);
    // Nothing frees a place of a full cluster by itself while other accounts sit idle on theirs.
    if (this.openFor(account) < this.limits.perAccount) this.#reclaim(account);
    this.#drain();
    return () => {
      const i = this.#queue.indexOf(ticket);
      if (i >= 0) this.#queue.splice(i, 1);
    };
  }

  /** Someone of this cluster waits for a place that `account`'s idle connection could give. */
  wantedBy(account: string): boolean {
    return this.#queue.some(
      (t) => t.account !== account && this.openFor(t.account) < this.limits.perAccount,
    );
  }

  /** A connection of `account` closed. */
  give(account: string): void {
    const n = this.openFor(account);
    if (n <= 0) return;
    this.#open -= 1;
    if (n === 1) this.#byAccount.delete(account);
    else this.#byAccount.set(account, n - 1);
    this.#drain();
  }

  #drain(): void {
    for (let i = 0; i < this.#queue.length;) {
      if (this.#open >= this.limits.perCluster) return;
      const t = this.#queue[i]!;
      if (!this.#fits(t.account)) {
        i += 1;
        continue;
      }
      this.#queue.splice(i, 1);
      this.#take(t.account);
      t.grant();
    }
  }
}

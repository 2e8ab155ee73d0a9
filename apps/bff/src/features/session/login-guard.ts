import { AppError } from '../../lib/errors.js';
import type { LoginLimiter } from '../../seams/login-limits.js';

export interface LoginLimits {
  /** Failed logins of one account from one address per window. */
  max: number;
  windowMs: number;
  /** Failed logins from one address, whatever the account, per window (password spraying). */
  perAddress: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Entries kept at most per map: an attacker inventing accounts cannot grow memory without end. */
const MAX_ENTRIES = 100_000;

/**
 * The account as OceanBase resolves a login: tenant names are case-insensitive, and so are
 * unquoted Oracle-mode user names (SYS, sys and Sys are one user). The mode of a tenant is not
 * known before a login succeeds, so user names are folded in every mode: in MySQL mode two
 * users that differ only in case then share a counter, which makes the limit stricter, never
 * looser.
 */
export function loginAccountKey(clusterId: string, tenant: string, user: string): string {
  return `${clusterId}/${tenant.trim().toLowerCase()}/${user.trim().toUpperCase()}`;
}

/**
 * Failed-login limits. Per account (and address): guessing one account's password stops after
 * `max` failures, however its name is spelled. Per address: spraying many accounts from one
 * address stops after `perAddress` failures, except for accounts that logged in from that
 * address recently, so a colleague behind the same NAT is not locked out by someone's typos.
 */
export class LoginGuard implements LoginLimiter {
  readonly #accounts = new Map<string, Window>();
  readonly #addresses = new Map<string, Window>();
  /** address|account pairs that logged in successfully, until their window ends. */
  readonly #known = new Map<string, number>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RATE_LIMITED before the database is asked, when this attempt is over a limit. */
  check(address: string, account: string): void {
    const now = this.now();
    this.#sweep(now);
    const own = this.#live(this.#accounts, `${address}|${account}`, now);
    if (own && own.count >= this.limits.max) {
      throw rateLimited(own.resetAt - now, 'for this account');
    }
    const all = this.#live(this.#addresses, address, now);
    if (all && all.count >= this.limits.perAddress && !this.#isKnown(address, account, now)) {
      throw rateLimited(all.resetAt - now, 'from your address');
    }
  }

  failed(address: string, account: string): void {
    const now = this.now();
    this.#bump(this.#accounts, `${address}|${account}`, now);
    this.#bump(this.#addresses, address, now);
  }

  succeeded(address: string, account: string): void {
    const now = this.now();
    this.#accounts.delete(`${address}|${account}`);
    if (this.#known.size < MAX_ENTRIES || this.#known.has(`${address}|${account}`))
      this.#known.set(`${address}|${account}`, now + Math.max(this.limits.windowMs, 86_400_000));
  }

  #isKnown(address: string, account: string, now: number): boolean {
    const until = this.#known.get(`${address}|${account}`);
    return until !== undefined && until > now;
  }

  #live(map: Map<string, Window>, key: string, now: number): Window | undefined {
    const w = map.get(key);
    if (w && w.resetAt <= now) {
      map.delete(key);
      return undefined;
    }
    return w;
  }

  #bump(map: Map<string, Window>, key: string, now: number): void {
    const w = this.#live(map, key, now);
    if (w) w.count += 1;
    else if (map.size < MAX_ENTRIES)
      map.set(key, { count: 1, resetAt: now + this.limits.windowMs });
  }

  #sweep(now: number): void {
    for (const map of [this.#accounts, this.#addresses])
      if (map.size > MAX_ENTRIES / 2) for (const [k, w] of map) if (w.resetAt <= now) map.delete(k);
  }
}

/** The RATE_LIMITED answer, with when to try again; shared by the Redis-backed limiter. */
export function rateLimited(ms: number, what: string): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'RATE_LIMITED',
    `Too many failed logins ${what}. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
    { retryAfterSeconds },
  );
}

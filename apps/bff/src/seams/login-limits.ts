/**
 * Failed-login counting, as the login route uses it. `account` keys include the cluster id.
 * In memory today (LoginGuard); several instances would count in a shared store.
 */
export interface LoginLimiter {
  /** Throws RATE_LIMITED before the database is asked, when this attempt is over a limit. */
  check(address: string, account: string): void;
  failed(address: string, account: string): void;
  succeeded(address: string, account: string): void;
}

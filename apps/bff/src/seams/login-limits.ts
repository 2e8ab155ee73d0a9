/**
 * Failed-login counting, as the login route uses it. `account` keys include the cluster id.
 * In memory for one instance (LoginGuard); in Redis for several (RedisLoginLimiter), so a
 * guesser spreading attempts over instances meets one count. The route awaits every call.
 */
export interface LoginLimiter {
  /** Throws RATE_LIMITED before the database is asked, when this attempt is over a limit. */
  check(address: string, account: string): void | Promise<void>;
  failed(address: string, account: string): void | Promise<void>;
  succeeded(address: string, account: string): void | Promise<void>;
}

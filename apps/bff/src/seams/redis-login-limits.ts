import type { LoginLimits } from '../features/session/login-guard.js';
import { rateLimited } from '../features/session/login-guard.js';
import type { RedisClient } from '../scale/redis-runtime.js';
import type { LoginLimiter } from './login-limits.js';

// Counts and their window in one step: the first failure starts the window.
const BUMP = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * LoginGuard's rules (per account and address; per address unless the account logged in from
 * there before) with the counts in Redis, shared by every instance. Windows are Redis's own
 * key expiry, so instances whose clocks differ still agree.
 */
export class RedisLoginLimiter implements LoginLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly limits: LoginLimits,
  ) {}

  async check(address: string, account: string): Promise<void> {
    const own = this.#key('acct', `${address}|${account}`);
    const all = this.#key('addr', address);
    const [ownCount, allCount, known] = await this.redis.mGet([
      own,
      all,
      this.#key('known', `${address}|${account}`),
    ]);
    if (Number(ownCount ?? 0) >= this.limits.max)
      throw rateLimited(await this.#ttl(own), 'for this account');
    if (Number(allCount ?? 0) >= this.limits.perAddress && known === null)
      throw rateLimited(await this.#ttl(all), 'from your address');
  }

  async failed(address: string, account: string): Promise<void> {
    const ms = String(this.limits.windowMs);
    await Promise.all([
      this.redis.eval(BUMP, {
        keys: [this.#key('acct', `${address}|${account}`)],
        arguments: [ms],
      }),
      this.redis.eval(BUMP, { keys: [this.#key('addr', address)], arguments: [ms] }),
    ]);
  }

  async succeeded(address: string, account: string): Promise<void> {
    await this.redis.del(this.#key('acct', `${address}|${account}`));
    await this.redis.set(this.#key('known', `${address}|${account}`), '1', {
      PX: Math.max(this.limits.windowMs, 86_400_000),
    });
  }

  async #ttl(key: string): Promise<number> {
    const ms = await this.redis.pTTL(key);
    return ms > 0 ? ms : this.limits.windowMs;
  }

  #key(kind: string, id: string): string {
    return `${this.prefix}login:${kind}:${id}`;
  }
}

import type { SecretBox } from '@obconsole/store';
import type { Db } from '../lib/db.js';
import type { RedisClient } from '../scale/redis-runtime.js';
import type { PortableSignIn, SharedSignIns } from './shared-sign-ins.js';

/** Activity is written at most this often per sign-in: a page's burst of requests is one write. */
const SEEN_EVERY_MS = 1000;

/**
 * Sign-ins shared in Redis: one key per live sign-in holding its last activity, expiring with
 * the absolute timeout (idle is judged from its value, so a stream watching a backup on one
 * instance keeps the sign-in alive on all). The password itself is sealed into the browser
 * session (in Redis too, through the session store), never stored in clear.
 */
export class RedisSharedSignIns implements SharedSignIns {
  readonly #written = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly box: SecretBox,
    private readonly absoluteMs: number,
    private readonly open: (signIn: PortableSignIn, password: string) => Db,
  ) {}

  seal(signInId: string, password: string): string {
    return this.box.seal(password, aad(signInId));
  }

  reopen(signInId: string, signIn: PortableSignIn): Db {
    if (!signIn.sealed) throw new Error('this sign-in has no sealed password to reopen it with');
    return this.open(signIn, this.box.open(signIn.sealed, aad(signInId)));
  }

  async started(signInId: string, at: number): Promise<void> {
    this.#written.set(signInId, at);
    await this.redis.set(this.#key(signInId), String(at), { PX: this.absoluteMs });
  }

  seen(signInId: string, at: number): void {
    const last = this.#written.get(signInId) ?? 0;
    if (at - last < SEEN_EVERY_MS) return;
    this.#written.set(signInId, at);
    // XX: activity never brings an ended sign-in back.
    void this.redis
      .set(this.#key(signInId), String(at), { XX: true, KEEPTTL: true })
      .catch(() => undefined);
  }

  async latest(signInIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (signInIds.length === 0) return out;
    const values = await this.redis.mGet(signInIds.map((id) => this.#key(id)));
    signInIds.forEach((id, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) out.set(id, Number(v));
    });
    return out;
  }

  async ended(signInId: string): Promise<boolean> {
    this.#written.delete(signInId);
    return (await this.redis.del(this.#key(signInId))) === 1;
  }

  #key(signInId: string): string {
    return `${this.prefix}signin:${signInId}`;
  }
}

function aad(signInId: string): string {
  return `sign-in:${signInId}:password`;
}

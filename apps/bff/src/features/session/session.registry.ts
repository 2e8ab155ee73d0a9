import type { SessionProfile } from '../../lib/context.js';
import type { Db } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';

/** A session unused this long holds no database connection (the next request opens one). */
export const RELEASE_IDLE_MS = 60_000;

interface Entry {
  profile: SessionProfile;
  db: Db;
  createdAt: number;
  lastSeen: number;
}

/**
 * The live database side of each login, in this process's memory only: the session store
 * holds who is logged in, this holds the pool (and so the password) for that login. Entries
 * past the idle or absolute timeout are closed by a sweeper, whether or not the browser returns.
 */
export class SessionRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #closeListeners = new Map<string, Set<() => void>>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly absoluteMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.#timer = setInterval(
      () => void this.sweep(),
      Math.min(RELEASE_IDLE_MS / 2, Math.max(1000, idleMs / 4)),
    );
    this.#timer.unref();
  }

  add(sessionId: string, profile: SessionProfile, db: Db): void {
    const now = this.now();
    this.#entries.set(sessionId, { profile, db, createdAt: now, lastSeen: now });
  }

  /** The entry, touched; or undefined when absent or expired (then it is closed). */
  touch(sessionId: string): Entry | undefined {
    const e = this.#entries.get(sessionId);
    if (!e) return undefined;
    const now = this.now();
    if (this.#expired(e, now)) {
      void this.remove(sessionId, 'expired');
      return undefined;
    }
    e.lastSeen = now;
    return e;
  }

  /**
   * The entry without counting as activity: what a status probe reads, so that asking
   * "how long have I got" does not itself keep the session alive.
   */
  peek(sessionId: string): Entry | undefined {
    const e = this.#entries.get(sessionId);
    if (!e || this.#expired(e, this.now())) return undefined;
    return e;
  }

  /** When the session will idle out and when it ends regardless (epoch ms). */
  expiry(e: Entry): { idleAt: number; absoluteAt: number } {
    return { idleAt: e.lastSeen + this.idleMs, absoluteAt: e.createdAt + this.absoluteMs };
  }

  /**
   * Calls `listener` once when the session ends (logout, expiry, shutdown): what a session holds
   * open, such as an event stream, ends with it. Returns the way to stop listening.
   */
  onClose(sessionId: string, listener: () => void): () => void {
    const set = this.#closeListeners.get(sessionId) ?? new Set();
    set.add(listener);
    this.#closeListeners.set(sessionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#closeListeners.get(sessionId) === set)
        this.#closeListeners.delete(sessionId);
    };
  }

  async remove(sessionId: string, reason: string): Promise<void> {
    const listeners = this.#closeListeners.get(sessionId);
    this.#closeListeners.delete(sessionId);
    for (const l of listeners ?? []) l();
    const e = this.#entries.get(sessionId);
    if (!e) return;
    this.#entries.delete(sessionId);
    this.log.info({ user: e.profile.user, tenant: e.profile.tenant, reason }, 'session closed');
    await e.db.close();
  }

  /** Live sessions whose profile matches, except `exceptSessionId` (the login that replaces it). */
  count(matches: (profile: SessionProfile) => boolean, exceptSessionId?: string): number {
    let n = 0;
    for (const [id, e] of this.#entries) if (id !== exceptSessionId && matches(e.profile)) n += 1;
    return n;
  }

  get size(): number {
    return this.#entries.size;
  }

  async sweep(): Promise<void> {
    const now = this.now();
    const expired = [...this.#entries].filter(([, e]) => this.#expired(e, now)).map(([id]) => id);
    await Promise.all(expired.map((id) => this.remove(id, 'expired')));
    // Still signed in but quiet: give the database its connections back until the next request.
    const quiet = [...this.#entries.values()].filter((e) => now - e.lastSeen > RELEASE_IDLE_MS);
    await Promise.all(quiet.map((e) => e.db.releaseIdle()));
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#entries.keys()].map((id) => this.remove(id, 'shutdown')));
  }

  #expired(e: Entry, now: number): boolean {
    return now - e.lastSeen > this.idleMs || now - e.createdAt > this.absoluteMs;
  }
}

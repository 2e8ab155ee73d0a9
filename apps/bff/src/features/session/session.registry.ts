import type { SessionProfile } from '../../lib/context.js';
import type { Db } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import type { SessionEvents } from '../../seams/session-events.js';

/** A session unused this long holds no database connection (the next request opens one). */
export const RELEASE_IDLE_MS = 60_000;

export interface SignInEntry {
  clusterId: string;
  profile: SessionProfile;
  db: Db;
  createdAt: number;
  lastSeen: number;
  /** Where the sign-in came from: what its closing audit event names, with no request at hand. */
  origin: SignInOrigin;
}

export interface SignInOrigin {
  clientAddress: string | null;
  userAgent: string | null;
}

const NO_ORIGIN: SignInOrigin = { clientAddress: null, userAgent: null };

/**
 * The database side of sign-ins, as routes use it: the seam several instances would share
 * (sealed passwords in a shared store). One implementation today, in memory.
 */
export interface SignInRegistry {
  add(
    signInId: string,
    clusterId: string,
    profile: SessionProfile,
    db: Db,
    origin?: SignInOrigin,
  ): void;
  touch(signInId: string): SignInEntry | undefined;
  peek(signInId: string): SignInEntry | undefined;
  expiry(e: SignInEntry): { idleAt: number; absoluteAt: number };
  remove(signInId: string, reason: string): Promise<void>;
  count(matches: (entry: SignInEntry) => boolean, exceptSignInId?: string): number;
  readonly size: number;
  /** Closes expired sign-ins and releases quiet ones' connections (also run on a timer). */
  sweep(): Promise<void>;
  closeAll(): Promise<void>;
}

/**
 * The live database side of each sign-in (a browser session holds one per cluster), in this
 * process's memory only, keyed by a sign-in id kept in the session store (never in the
 * cookie): the store holds who is signed in, this holds the pool (and so the password).
 * Entries past the idle or absolute timeout are closed by a sweeper, whether or not the
 * browser returns.
 */
export class SessionRegistry implements SignInRegistry {
  readonly #entries = new Map<string, SignInEntry>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly absoluteMs: number,
    private readonly log: Logger,
    private readonly events: SessionEvents,
    private readonly now: () => number = Date.now,
    /** Told about every sign-in closed, with why ('logout', 'expired', ...). */
    private readonly onClosed?: (entry: SignInEntry, reason: string) => void,
  ) {
    this.#timer = setInterval(
      () => void this.sweep(),
      Math.min(RELEASE_IDLE_MS / 2, Math.max(1000, idleMs / 4)),
    );
    this.#timer.unref();
  }

  add(
    sessionId: string,
    clusterId: string,
    profile: SessionProfile,
    db: Db,
    origin: SignInOrigin = NO_ORIGIN,
  ): void {
    const now = this.now();
    this.#entries.set(sessionId, { clusterId, profile, db, createdAt: now, lastSeen: now, origin });
  }

  /** The entry, touched; or undefined when absent or expired (then it is closed). */
  touch(sessionId: string): SignInEntry | undefined {
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
  peek(sessionId: string): SignInEntry | undefined {
    const e = this.#entries.get(sessionId);
    if (!e || this.#expired(e, this.now())) return undefined;
    return e;
  }

  /** When the session will idle out and when it ends regardless (epoch ms). */
  expiry(e: SignInEntry): { idleAt: number; absoluteAt: number } {
    return { idleAt: e.lastSeen + this.idleMs, absoluteAt: e.createdAt + this.absoluteMs };
  }

  async remove(sessionId: string, reason: string): Promise<void> {
    this.events.ended(sessionId);
    const e = this.#entries.get(sessionId);
    if (!e) return;
    this.#entries.delete(sessionId);
    this.log.info(
      { cluster: e.clusterId, user: e.profile.user, tenant: e.profile.tenant, reason },
      'session closed',
    );
    this.onClosed?.(e, reason);
    await e.db.close();
  }

  /** Live sessions whose profile matches, except `exceptSessionId` (the login that replaces it). */
  count(matches: (entry: SignInEntry) => boolean, exceptSessionId?: string): number {
    let n = 0;
    for (const [id, e] of this.#entries) if (id !== exceptSessionId && matches(e)) n += 1;
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

  #expired(e: SignInEntry, now: number): boolean {
    return now - e.lastSeen > this.idleMs || now - e.createdAt > this.absoluteMs;
  }
}

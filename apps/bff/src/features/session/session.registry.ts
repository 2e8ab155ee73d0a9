import type { SessionProfile } from '../../lib/context.js';
import type { Db } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import type { SessionEvents } from '../../seams/session-events.js';
import type { PortableSignIn, SharedSignIns } from '../../seams/shared-sign-ins.js';

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
  /**
   * The entry of a sign-in the browser session names: this instance's, or (several instances)
   * rebuilt here from the shared state when it was made elsewhere. undefined: it has ended.
   */
  resolve(
    signInId: string,
    signIn: PortableSignIn,
    activity: boolean,
  ): Promise<SignInEntry | undefined>;
  /** The sealed password to keep in the browser session; undefined for one instance. */
  seal(signInId: string, password: string): string | undefined;
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
    /** Several instances: the shared side of sign-ins; absent for one instance. */
    private readonly shared?: SharedSignIns,
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
    void this.shared?.started(sessionId, now).catch((e: unknown) => {
      this.log.warn({ err: String(e) }, 'could not share a new sign-in');
    });
  }

  seal(signInId: string, password: string): string | undefined {
    return this.shared?.seal(signInId, password);
  }

  async resolve(
    signInId: string,
    signIn: PortableSignIn,
    activity: boolean,
  ): Promise<SignInEntry | undefined> {
    const read = () => (activity ? this.touch(signInId) : this.peek(signInId));
    if (!this.shared) return read();
    const held = this.#entries.get(signInId);
    if (held) {
      // Quiet here is not quiet everywhere: ask before judging it idle.
      const now = this.now();
      if (this.#expired(held, now) && now - held.createdAt <= this.absoluteMs) {
        const seen = (await this.shared.latest([signInId])).get(signInId);
        if (seen === undefined) {
          await this.drop(signInId);
          return undefined;
        }
        held.lastSeen = Math.max(held.lastSeen, seen);
      }
      return read();
    }
    if (!signIn.sealed) return undefined;
    // Made (or last used) at another instance: alive only while the shared side says so.
    const lastSeen = (await this.shared.latest([signInId])).get(signInId);
    if (lastSeen === undefined) return undefined;
    const now = this.now();
    if (now - lastSeen > this.idleMs || now - signIn.createdAt > this.absoluteMs) {
      await this.remove(signInId, 'expired');
      return undefined;
    }
    const raced = this.#entries.get(signInId);
    if (raced) return read();
    const entry: SignInEntry = {
      clusterId: signIn.clusterId,
      profile: signIn.profile,
      db: this.shared.reopen(signInId, signIn),
      createdAt: signIn.createdAt,
      lastSeen: activity ? now : lastSeen,
      origin: NO_ORIGIN,
    };
    if (activity) this.shared.seen(signInId, now);
    this.#entries.set(signInId, entry);
    this.log.info(
      { cluster: signIn.clusterId, user: signIn.profile.user, tenant: signIn.profile.tenant },
      'session connections reopened here',
    );
    return entry;
  }

  /** Another instance ended it: close this instance's connections, record nothing again. */
  async drop(signInId: string): Promise<void> {
    const e = this.#entries.get(signInId);
    if (!e) return;
    this.#entries.delete(signInId);
    await e.db.close();
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
    this.shared?.seen(sessionId, now);
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
    // An instance shutting down ends no sign-in: the others go on serving it (and its streams
    // here are ended by the drain, telling the browser to reconnect elsewhere).
    if (reason !== 'shutdown' || !this.shared) this.events.ended(sessionId);
    const e = this.#entries.get(sessionId);
    this.#entries.delete(sessionId);
    const first =
      reason === 'shutdown' || !this.shared
        ? true
        : await this.shared.ended(sessionId).catch(() => true);
    if (!e) return;
    this.log.info(
      { cluster: e.clusterId, user: e.profile.user, tenant: e.profile.tenant, reason },
      'session closed',
    );
    // Several instances may hold one sign-in: only the one that ended it records it.
    if (first) this.onClosed?.(e, reason);
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
    await this.#catchUp(now);
    const expired = [...this.#entries].filter(([, e]) => this.#expired(e, now)).map(([id]) => id);
    await Promise.all(expired.map((id) => this.remove(id, 'expired')));
    // Still signed in but quiet: give the database its connections back until the next request.
    const quiet = [...this.#entries.values()].filter((e) => now - e.lastSeen > RELEASE_IDLE_MS);
    await Promise.all(quiet.map((e) => e.db.releaseIdle()));
  }

  /** Several instances: quiet entries here learn the activity other instances saw. */
  async #catchUp(now: number): Promise<void> {
    if (!this.shared) return;
    const quiet = [...this.#entries].filter(([, e]) => now - e.lastSeen > RELEASE_IDLE_MS / 2);
    if (quiet.length === 0) return;
    let latest: Map<string, number>;
    try {
      latest = await this.shared.latest(quiet.map(([id]) => id));
    } catch {
      return; // Redis away: judge by what this instance saw, as one instance would
    }
    for (const [id, e] of quiet) {
      const seen = latest.get(id);
      if (seen === undefined) await this.drop(id);
      else if (seen > e.lastSeen) e.lastSeen = seen;
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#entries.keys()].map((id) => this.remove(id, 'shutdown')));
  }

  #expired(e: SignInEntry, now: number): boolean {
    return now - e.lastSeen > this.idleMs || now - e.createdAt > this.absoluteMs;
  }
}

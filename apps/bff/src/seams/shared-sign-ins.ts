import type { SessionProfile } from '../lib/context.js';
import type { Db } from '../lib/db.js';

/** What a browser session keeps of a sign-in, as another instance needs it to take over. */
export interface PortableSignIn {
  clusterId: string;
  profile: SessionProfile;
  createdAt: number;
  /** The database password, sealed (AES-256-GCM, CONSOLE_SECRET_KEY) for this sign-in only. */
  sealed?: string;
}

/**
 * The part of sign-ins several instances share (absent for one instance): when each was last
 * used anywhere, whether it still lives, and its sealed password, from which any instance
 * opens the sign-in's connections on demand.
 */
export interface SharedSignIns {
  /** The password sealed for this sign-in (bound to its id: it opens for no other). */
  seal(signInId: string, password: string): string;
  /** The sign-in's own connections, rebuilt here from its sealed password. */
  reopen(signInId: string, signIn: PortableSignIn): Db;
  /** A new sign-in is live (at login). */
  started(signInId: string, at: number): Promise<void>;
  /** Activity now; cheap to call on every request (writes are batched per second). */
  seen(signInId: string, at: number): void;
  /** The last activity of each sign-in anywhere; absent: it has ended. */
  latest(signInIds: string[]): Promise<Map<string, number>>;
  /** Ends it everywhere; true for the one caller that ended it (that one records it). */
  ended(signInId: string): Promise<boolean>;
}

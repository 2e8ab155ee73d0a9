import session from 'express-session';
import createMemoryStore from 'memorystore';

/**
 * Who is signed in, behind the cookie: express-session's Store interface is the seam. In
 * memory for one instance (memorystore prunes expired entries); several instances would
 * pass a shared store here.
 */
export function createInMemorySessionStore(): session.Store {
  const MemoryStore = createMemoryStore(session);
  return new MemoryStore({ checkPeriod: 60_000 });
}

import type session from 'express-session';
import type { SignIn } from '../../middleware/session.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * Left on a session id that a sign-in replaced: the id that holds its sign-ins now. It signs
     * nobody in; it only lets a sign-in that raced with the first one find what to carry over.
     */
    movedTo?: string;
  }
}

/** How long a replaced session id points to its successor: longer than any sign-in takes. */
const FORWARD_MS = 60_000;

const get = (store: session.Store, sid: string) =>
  new Promise<session.SessionData | null>((resolve, reject) =>
    store.get(sid, (err, data) => (err ? reject(err as Error) : resolve(data ?? null))),
  );

/**
 * The sign-ins this browser session holds now, read from the store: the request's own copy
 * was loaded when it arrived, and a sign-in to another cluster may have replaced the session
 * since (two tabs signing in at once).
 */
export async function currentSignIns(
  store: session.Store,
  sid: string,
): Promise<Record<string, SignIn>> {
  let data = await get(store, sid);
  for (let hops = 0; data?.movedTo && hops < 8; hops++) data = await get(store, data.movedTo);
  return { ...data?.signIns };
}

/** Marks a replaced session id with its successor, for a short while. */
export function leaveForwardingAddress(
  store: session.Store,
  oldSid: string,
  newSid: string,
): Promise<void> {
  const forward = {
    cookie: {
      originalMaxAge: FORWARD_MS,
      maxAge: FORWARD_MS,
      expires: new Date(Date.now() + FORWARD_MS),
      httpOnly: true,
      path: '/',
    },
    movedTo: newSid,
  } as unknown as session.SessionData;
  return new Promise((resolve, reject) =>
    store.set(oldSid, forward, (err) => (err ? reject(err as Error) : resolve())),
  );
}

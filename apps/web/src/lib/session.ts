import { useOutletContext } from 'react-router';
import type { SessionInfo } from '@obconsole/contracts';

/** What the signed-in layout hands to every page through <Outlet context>. */
export interface SessionOutletContext {
  session: SessionInfo;
}

/** The current session, provided by the app layout (which owns the session query). */
export function useSession(): SessionInfo {
  return useOutletContext<SessionOutletContext>().session;
}

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API,
  type HealthResponse,
  type LoginRequest,
  type SessionInfo,
  type SessionStatus,
} from '@obconsole/contracts';
import { http } from '../../lib/http';
import { forgetAccount } from '../../lib/last-account';

export const sessionKeys = {
  all: ['session'] as const,
  status: () => [...sessionKeys.all, 'status'] as const,
  health: () => ['health'] as const,
};

export const sessionQueries = {
  /**
   * Signed in or not (200 either way: a page load is not an error) and when the session ends.
   * Reading it is not activity on the server, so asking does not keep a session alive.
   */
  status: () =>
    queryOptions({
      queryKey: sessionKeys.status(),
      queryFn: ({ signal }) => http.get<SessionStatus>(API.sessionStatus, signal),
      staleTime: 30_000,
    }),
  /** No login needed: database reachability and whether the cluster is the simulator. */
  health: () =>
    queryOptions({
      queryKey: sessionKeys.health(),
      queryFn: ({ signal }) => http.get<HealthResponse>(API.health, signal),
      staleTime: 60_000,
    }),
};

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: LoginRequest) => http.post<SessionInfo>(API.session, req),
    // The form shows each login error itself; no toast.
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (info) => {
      // Nothing cached for a previous account survives a new login (health is not per account).
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.health()[0] });
      // The layout renders from this at once; the real deadlines arrive with the refetch.
      const placeholder: SessionStatus = {
        signedIn: true,
        session: info,
        idleExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        absoluteExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        serverTime: new Date().toISOString(),
        idleTimeoutSeconds: 3600,
      };
      qc.setQueryData(sessionKeys.status(), placeholder);
      void qc.invalidateQueries({ queryKey: sessionKeys.status() });
    },
  });
}

/** Any authenticated request is activity: this one moves the idle deadline and reports it. */
export function useExtendSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.get<SessionInfo>(API.session),
    meta: { invalidatesAll: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.status() }),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(API.session),
    meta: { errorHandled: true, invalidatesAll: false },
    // Whatever the answer, nothing of this session stays in the browser.
    onSettled: () => {
      forgetAccount();
      qc.clear();
    },
  });
}

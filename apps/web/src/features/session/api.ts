import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API,
  type HealthResponse,
  type LoginRequest,
  type SessionInfo,
} from '@obconsole/contracts';
import { http } from '../../lib/http';

export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  health: () => ['health'] as const,
};

export const sessionQueries = {
  /** Who is signed in. A 401 here is the normal "not logged in" answer. */
  me: () =>
    queryOptions({
      queryKey: sessionKeys.me(),
      queryFn: ({ signal }) => http.get<SessionInfo>(API.session, signal),
      staleTime: 5 * 60_000,
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
      qc.setQueryData(sessionKeys.me(), info);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(API.session),
    meta: { errorHandled: true, invalidatesAll: false },
    // Whatever the answer, nothing of this session stays in the browser.
    onSettled: () => qc.clear(),
  });
}

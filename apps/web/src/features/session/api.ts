import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
// The paths from the subpath without zod: this module is part of the first download.
import { API, clusterApi } from '@obconsole/contracts/paths';
import type {
  ClustersResponse,
  HealthResponse,
  LoginRequest,
  SessionInfo,
  SessionStatus,
} from '@obconsole/contracts';
import { http } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';
import { forgetAccount, forgetAllAccounts } from '../../lib/last-account';

export const sessionKeys = {
  /** Every sign-in of one cluster lives under its key: a sign-out there removes just that. */
  all: (clusterId: string) => [...clusterKey(clusterId), 'session'] as const,
  status: (clusterId: string) => [...sessionKeys.all(clusterId), 'status'] as const,
  /** The configured clusters and this browser's sign-ins: belongs to no one cluster. */
  clusters: () => ['clusterDirectory'] as const,
  health: () => ['health'] as const,
};

export const sessionQueries = {
  /** Answered without a sign-in: the login form's cluster list, the switcher, who is signed in. */
  clusters: () =>
    queryOptions({
      queryKey: sessionKeys.clusters(),
      queryFn: ({ signal }) => http.get<ClustersResponse>(API.clusters, signal),
      staleTime: 30_000,
    }),
  /**
   * Signed in to this cluster or not (200 either way: a page load is not an error) and when that
   * sign-in ends. Reading it is not activity on the server, so asking does not keep it alive.
   */
  status: (clusterId: string) =>
    queryOptions({
      queryKey: sessionKeys.status(clusterId),
      queryFn: ({ signal }) =>
        http.get<SessionStatus>(clusterApi(clusterId, 'sessionStatus'), signal),
      staleTime: 30_000,
    }),
  /** No login needed: database reachability and whether the clusters are simulated. */
  health: () =>
    queryOptions({
      queryKey: sessionKeys.health(),
      queryFn: ({ signal }) => http.get<HealthResponse>(API.health, signal),
      staleTime: 60_000,
    }),
};

/** Whatever one cluster's sign-in left in the cache (its tenants, jobs, history, status). */
function dropCluster(qc: ReturnType<typeof useQueryClient>, clusterId: string) {
  qc.removeQueries({ queryKey: clusterKey(clusterId) });
  // The fleet pages show every signed-in cluster: they change with any sign-in.
  qc.removeQueries({ queryKey: ['fleet'] });
}

export function useLogin(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: LoginRequest) =>
      http.post<SessionInfo>(clusterApi(clusterId, 'session'), req),
    // The form shows each login error itself; no toast.
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (info) => {
      // Nothing cached for a previous account of this cluster survives a new login; the other
      // clusters' sign-ins and their data stay.
      dropCluster(qc, clusterId);
      // The layout renders from this at once; the real deadlines arrive with the refetch.
      const placeholder: SessionStatus = {
        signedIn: true,
        session: info,
        idleExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        absoluteExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        serverTime: new Date().toISOString(),
        idleTimeoutSeconds: 3600,
      };
      qc.setQueryData(sessionKeys.status(clusterId), placeholder);
      qc.setQueryData<ClustersResponse>(sessionKeys.clusters(), (prev) =>
        prev
          ? {
              clusters: prev.clusters.map((c) =>
                c.id === clusterId ? { ...c, session: info } : c,
              ),
            }
          : prev,
      );
      void qc.invalidateQueries({ queryKey: sessionKeys.status(clusterId) });
      void qc.invalidateQueries({ queryKey: sessionKeys.clusters() });
    },
  });
}

/** Any authenticated request is activity: this one moves the idle deadline and reports it. */
export function useExtendSession(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: [...sessionKeys.all(clusterId), 'extend'],
    mutationFn: () => http.get<SessionInfo>(clusterApi(clusterId, 'session')),
    meta: { invalidatesAll: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.status(clusterId) }),
  });
}

/** Signs out of one cluster (given to mutate): the others stay signed in, with their data. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (clusterId: string) => http.delete<void>(clusterApi(clusterId, 'session')),
    meta: { errorHandled: true, invalidatesAll: false },
    // Whatever the answer, nothing of this sign-in stays in the browser.
    onSettled: async (_data, _error, clusterId) => {
      forgetAccount(clusterId);
      dropCluster(qc, clusterId);
      await qc.invalidateQueries({ queryKey: sessionKeys.clusters() });
    },
  });
}

/** Ends every sign-in of this browser session. */
export function useLogoutAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>(API.session),
    meta: { errorHandled: true, invalidatesAll: false },
    onSettled: () => {
      forgetAllAccounts();
      qc.clear();
    },
  });
}

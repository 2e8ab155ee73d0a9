import { queryOptions, useMutation } from '@tanstack/react-query';
import {
  IDEMPOTENCY_HEADER,
  clusterApi,
  type CancelRequest,
  type CancelResponse,
  type PreviewRequest,
  type PreviewResponse,
  type StartBackupRequest,
  type StartBackupResponse,
} from '@obconsole/contracts';
import { http } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';
import { activeJobsKey, activeJobsQuery } from '../../lib/live-backups';

export const backupKeys = {
  all: (clusterId: string) => [...clusterKey(clusterId), 'backups'] as const,
  /** Shared with the tenants table, hence defined in lib/live-backups. */
  active: (clusterId: string) => activeJobsKey(clusterId),
  previews: (clusterId: string) => [...backupKeys.all(clusterId), 'preview'] as const,
  preview: (clusterId: string, req: PreviewRequest) =>
    [...backupKeys.previews(clusterId), req] as const,
};

export const backupQueries = {
  active: activeJobsQuery,
  /** POST, but it changes nothing: a query, so that "switch to full" simply previews again. */
  preview: (clusterId: string, req: PreviewRequest) =>
    queryOptions({
      queryKey: backupKeys.preview(clusterId, req),
      queryFn: () => http.post<PreviewResponse>(clusterApi(clusterId, 'backupsPreview'), req),
      staleTime: 0,
      gcTime: 0,
      retry: false,
      refetchOnWindowFocus: false,
    }),
};

export interface StartVariables {
  request: StartBackupRequest;
  /** One key per opening of the dialog: repeating the request never starts a second backup. */
  idempotencyKey: string;
}

export function useStartBackup(clusterId: string) {
  return useMutation({
    // The key names the cluster: a 401 here ends that cluster's sign-in only.
    mutationKey: [...backupKeys.all(clusterId), 'start'],
    mutationFn: ({ request, idempotencyKey }: StartVariables) =>
      http.post<StartBackupResponse>(clusterApi(clusterId, 'backups'), request, {
        [IDEMPOTENCY_HEADER]: idempotencyKey,
      }),
    // The dialog shows the error where the user is looking.
    meta: { errorHandled: true },
  });
}

export function useCancelBackup(clusterId: string) {
  return useMutation({
    mutationKey: [...backupKeys.all(clusterId), 'cancel'],
    mutationFn: (req: CancelRequest) =>
      http.post<CancelResponse>(clusterApi(clusterId, 'backupsCancel'), req),
  });
}

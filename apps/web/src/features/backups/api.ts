import { queryOptions, useMutation } from '@tanstack/react-query';
import {
  API,
  IDEMPOTENCY_HEADER,
  type CancelRequest,
  type CancelResponse,
  type PreviewRequest,
  type PreviewResponse,
  type StartBackupRequest,
  type StartBackupResponse,
} from '@obconsole/contracts';
import { http } from '../../lib/http';
import { activeJobsKey, activeJobsQuery } from '../../lib/live-backups';

export const backupKeys = {
  all: ['backups'] as const,
  /** Shared with the tenants table, hence defined in lib/live-backups. */
  active: () => activeJobsKey,
  previews: () => [...backupKeys.all, 'preview'] as const,
  preview: (req: PreviewRequest) => [...backupKeys.previews(), req] as const,
};

export const backupQueries = {
  active: activeJobsQuery,
  /** POST, but it changes nothing: a query, so that "switch to full" simply previews again. */
  preview: (req: PreviewRequest) =>
    queryOptions({
      queryKey: backupKeys.preview(req),
      queryFn: () => http.post<PreviewResponse>(API.backupsPreview, req),
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

export function useStartBackup() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: StartVariables) =>
      http.post<StartBackupResponse>(API.backups, request, {
        [IDEMPOTENCY_HEADER]: idempotencyKey,
      }),
    // The dialog shows the error where the user is looking.
    meta: { errorHandled: true },
  });
}

export function useCancelBackup() {
  return useMutation({
    mutationFn: (req: CancelRequest) => http.post<CancelResponse>(API.backupsCancel, req),
  });
}

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/http';
import { markDatabaseDown, markDatabaseUp } from '../stores/database';
import { areaOfKey, clusterOfKey } from '../lib/cluster-keys';

/** A cluster's queries whose answer comes from its database: success means it answers again. */
const DATABASE_KEYS = new Set(['tenants', 'backups', 'history']);

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The component shows this mutation's errors itself: no default toast. */
      errorHandled?: boolean;
      /** false: do not refetch every query after success (login and logout manage the cache). */
      invalidatesAll?: boolean;
    };
  }
}

interface Handlers {
  /**
   * A 401 UNAUTHENTICATED: the sign-in to that cluster ended (`expired`: it timed out). The
   * cluster comes from the query's or mutation's key; undefined when the key names none.
   */
  onUnauthenticated: (clusterId: string | undefined, expired: boolean) => void;
  /** Default report of a failed mutation. */
  onMutationError: (error: unknown) => void;
}

const timedOut = (e: { params?: Record<string, unknown> }) => e.params?.variant === 'expired';

/** Errors handled once, here, rather than in every component. */
export function createQueryClient({ onUnauthenticated, onMutationError }: Handlers): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        const clusterId = clusterOfKey(query.queryKey);
        if (isApiError(error) && error.isUnauthenticated)
          onUnauthenticated(clusterId, timedOut(error));
        if (isApiError(error) && error.code === 'DATABASE_UNAVAILABLE' && clusterId)
          markDatabaseDown(clusterId);
      },
      onSuccess: (_data, query) => {
        const clusterId = clusterOfKey(query.queryKey);
        if (clusterId && DATABASE_KEYS.has(areaOfKey(query.queryKey) ?? ''))
          markDatabaseUp(clusterId);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (isApiError(error) && error.isUnauthenticated)
          onUnauthenticated(
            mutation.options.mutationKey ? clusterOfKey(mutation.options.mutationKey) : undefined,
            timedOut(error),
          );
        else if (!mutation.meta?.errorHandled) onMutationError(error);
      },
      // A backup started or cancelled changes tenants, progress and history alike: refetch
      // whatever is on screen rather than keep a list of keys in every mutation.
      onSuccess: (_data, _vars, _ctx, mutation) => {
        if (mutation.meta?.invalidatesAll !== false) void client.invalidateQueries();
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network errors and 5xx get two more tries.
        retry: (count, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
  return client;
}

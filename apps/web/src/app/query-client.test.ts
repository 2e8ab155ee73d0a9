import { describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { createQueryClient } from './query-client';
import { ApiError } from '../lib/http';
import { useDatabaseDown } from '../stores/database';

const unauthenticated = () =>
  new ApiError(401, 'UNAUTHENTICATED', 'Your session has expired.', undefined, {
    variant: 'expired',
  });
const unavailable = () => new ApiError(503, 'DATABASE_UNAVAILABLE', 'down');

function client() {
  const onUnauthenticated = vi.fn();
  const qc = createQueryClient({ onUnauthenticated, onMutationError: () => {} });
  qc.setDefaultOptions({ queries: { retry: false } });
  return { qc, onUnauthenticated };
}

describe('errors handled once, per cluster', () => {
  it('a 401 names the cluster whose query or mutation it was, and whether it timed out', async () => {
    const { qc, onUnauthenticated } = client();
    await qc
      .fetchQuery({
        queryKey: ['clusters', 'obcluster-sh', 'tenants', 'list'],
        queryFn: () => Promise.reject(unauthenticated()),
      })
      .catch(() => {});
    expect(onUnauthenticated).toHaveBeenLastCalledWith('obcluster-sh', true);

    await qc
      .getMutationCache()
      .build(qc, {
        mutationKey: ['clusters', 'obcluster-hz', 'backups', 'start'],
        mutationFn: () => Promise.reject(unauthenticated()),
      })
      .execute(undefined)
      .catch(() => {});
    expect(onUnauthenticated).toHaveBeenLastCalledWith('obcluster-hz', true);

    // The fleet belongs to no cluster.
    await qc
      .fetchQuery({
        queryKey: ['fleet', 'overview'],
        queryFn: () => Promise.reject(unauthenticated()),
      })
      .catch(() => {});
    expect(onUnauthenticated).toHaveBeenLastCalledWith(undefined, true);
  });

  it("one cluster's database going down marks only that cluster stale, and its next answer clears it", async () => {
    const { qc } = client();
    const hz = renderHook(() => useDatabaseDown('obcluster-hz'));
    const sh = renderHook(() => useDatabaseDown('obcluster-sh'));
    await qc
      .fetchQuery({
        queryKey: ['clusters', 'obcluster-hz', 'tenants', 'list'],
        queryFn: () => Promise.reject(unavailable()),
      })
      .catch(() => {});
    hz.rerender();
    sh.rerender();
    expect(hz.result.current).toBe(true);
    expect(sh.result.current).toBe(false);

    // A session status is not the database answering; the tenants list is.
    await qc.fetchQuery({
      queryKey: ['clusters', 'obcluster-hz', 'session', 'status'],
      queryFn: () => Promise.resolve({ signedIn: false, reason: 'none' }),
    });
    hz.rerender();
    expect(hz.result.current).toBe(true);
    await qc.fetchQuery({
      queryKey: ['clusters', 'obcluster-hz', 'tenants', 'list', 2],
      queryFn: () => Promise.resolve({ tenants: [] }),
    });
    hz.rerender();
    expect(hz.result.current).toBe(false);
  });
});

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { AuditAction, AuditActor, AuditOutcome } from '@obconsole/contracts';
import type { AuditFilters } from './api';

/** A whole day, or an instant to the minute (what the range picker writes). */
const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;
const TENANT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const KEYS = ['cluster', 'actor', 'action', 'tenant', 'outcome', 'from', 'to'] as const;

/**
 * The filters of a URL; a value that is not one the API takes is dropped (a hand-edited link
 * shows the unfiltered list rather than an error). `clusters`: the ones the user may read.
 */
export function parseAuditFilters(sp: URLSearchParams, clusters: readonly string[]): AuditFilters {
  const get = (k: string) => sp.get(k) ?? undefined;
  const cluster = get('cluster');
  const actor = get('actor');
  const tenant = get('tenant');
  const from = get('from');
  const to = get('to');
  return {
    cluster: cluster && clusters.includes(cluster) ? cluster : undefined,
    actor: actor && AuditActor.safeParse(actor).success ? actor : undefined,
    action: AuditAction.safeParse(get('action')).data,
    tenant: tenant && TENANT.test(tenant) ? tenant : undefined,
    outcome: AuditOutcome.safeParse(get('outcome')).data,
    from: from && TIME.test(from) ? from : undefined,
    to: to && TIME.test(to) ? to : undefined,
  };
}

/** The query string of a filter, in a stable order (the CSV link and a shared link match). */
export function auditSearch(f: AuditFilters): string {
  const sp = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v) sp.set(k, v);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Filters live in the URL, so a link to a filtered audit trail can be shared. */
export function useAuditUrlState(clusters: readonly string[]) {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => parseAuditFilters(sp, clusters), [sp, clusters]);
  const setFilters = useCallback(
    (patch: Partial<AuditFilters>) =>
      setSp(
        (prev) =>
          new URLSearchParams(auditSearch({ ...parseAuditFilters(prev, clusters), ...patch })),
      ),
    [setSp, clusters],
  );
  const clearFilters = useCallback(() => setSp(new URLSearchParams()), [setSp]);
  return { filters, setFilters, clearFilters };
}

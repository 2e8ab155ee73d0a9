import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { BackupType, HistoryStatus } from '@obconsole/contracts';
import type { HistoryFilters } from './api';

const TYPES: readonly BackupType[] = ['full', 'incremental'];
const STATUSES: readonly HistoryStatus[] = ['COMPLETED', 'FAILED', 'CANCELED'];
/** A whole day, or an instant to the minute (quick ranges and custom ranges with times). */
const DAY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;
const TENANT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Repeated `c` parameters: the cursors that led to the current page, oldest first. */
const CURSOR = 'c';

function pick<T extends string>(v: string | null, allowed: readonly T[]): T | undefined {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function parseFilters(sp: URLSearchParams): HistoryFilters {
  const tenant = sp.get('tenant');
  const from = sp.get('from');
  const to = sp.get('to');
  return {
    tenant: tenant && TENANT.test(tenant) ? tenant : undefined,
    type: pick(sp.get('type'), TYPES),
    status: pick(sp.get('status'), STATUSES),
    from: from && DAY.test(from) ? from : undefined,
    to: to && DAY.test(to) ? to : undefined,
    order: sp.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** Filters, sort order and the page's cursor stack all live in the URL, so a link can be shared. */
export function useHistoryUrlState(maxCursorLength = 200) {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => parseFilters(sp), [sp]);
  const cursors = useMemo(
    () => sp.getAll(CURSOR).filter((c) => c.length > 0 && c.length <= maxCursorLength),
    [sp, maxCursorLength],
  );

  const setFilters = useCallback(
    (patch: Partial<HistoryFilters>) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '' || (k === 'order' && v === 'desc')) next.delete(k);
          else next.set(k, String(v));
        }
        next.delete(CURSOR); // new filter, first page
        return next;
      });
    },
    [setSp],
  );

  const clearFilters = useCallback(() => setSp(new URLSearchParams()), [setSp]);

  const nextPage = useCallback(
    (cursor: string) =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        next.append(CURSOR, cursor);
        return next;
      }),
    [setSp],
  );

  const prevPage = useCallback(
    () =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        const stack = next.getAll(CURSOR);
        next.delete(CURSOR);
        for (const c of stack.slice(0, -1)) next.append(CURSOR, c);
        return next;
      }),
    [setSp],
  );

  return {
    filters,
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    search: sp.toString() ? `?${sp.toString()}` : '',
    setFilters,
    clearFilters,
    nextPage,
    prevPage,
  };
}

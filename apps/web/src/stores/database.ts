import { create } from 'zustand';

/**
 * Whether each cluster's database answers, as this tab last heard (the event stream's
 * "unavailable", a request's 503 DATABASE_UNAVAILABLE, then the next live data). UI state: what
 * every screen of that cluster uses to mark its data stale and to switch off actions that cannot
 * work. Per cluster: one cluster down says nothing about the others.
 */
interface DatabaseState {
  /** Per cluster id: when its database was first found unreachable (epoch ms). Absent while it answers. */
  downSince: Record<string, number>;
}

const useDatabaseStore = create<DatabaseState>()(() => ({ downSince: {} }));

export const useDatabaseDown = (clusterId: string) =>
  useDatabaseStore((s) => s.downSince[clusterId] !== undefined);
export const useDatabaseDownSince = (clusterId: string) =>
  useDatabaseStore((s) => s.downSince[clusterId] ?? null);

export function markDatabaseDown(clusterId: string, at = Date.now()): void {
  const { downSince } = useDatabaseStore.getState();
  if (downSince[clusterId] === undefined)
    useDatabaseStore.setState({ downSince: { ...downSince, [clusterId]: at } });
}

export function markDatabaseUp(clusterId: string): void {
  const { downSince } = useDatabaseStore.getState();
  if (downSince[clusterId] === undefined) return;
  const rest = { ...downSince };
  delete rest[clusterId];
  useDatabaseStore.setState({ downSince: rest });
}

/** Test set-up: every cluster answers. */
export function resetDatabaseState(): void {
  useDatabaseStore.setState({ downSince: {} });
}

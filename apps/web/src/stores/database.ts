import { create } from 'zustand';

/**
 * Whether the database answers, as this tab last heard (the event stream's "unavailable", a
 * request's 503 DATABASE_UNAVAILABLE, then the next live data). UI state: what every screen
 * uses to mark its data stale and to switch off actions that cannot work.
 */
interface DatabaseState {
  /** When the database was first found unreachable (epoch ms); null while it answers. */
  downSince: number | null;
}

const useDatabaseStore = create<DatabaseState>()(() => ({ downSince: null }));

export const useDatabaseDown = () => useDatabaseStore((s) => s.downSince !== null);
export const useDatabaseDownSince = () => useDatabaseStore((s) => s.downSince);

export function markDatabaseDown(at = Date.now()): void {
  if (useDatabaseStore.getState().downSince === null) useDatabaseStore.setState({ downSince: at });
}

export function markDatabaseUp(): void {
  if (useDatabaseStore.getState().downSince !== null)
    useDatabaseStore.setState({ downSince: null });
}

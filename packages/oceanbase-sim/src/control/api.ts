import type { ClusterStats, StatementRecord } from '../cluster.js';
import type { SimSession } from '../statements/session.js';

/** The operations of the control channel, as the simulator offers them (HTTP or in-process). */
export interface SimulatorControl {
  advance(seconds: number): void;
  /** Puts the clock at an instant (µs since the epoch), backwards too; the tables keep their rows. */
  setClock(nowUs: number): void;
  setSpeed(speed: number): void;
  setManualClock(manual: boolean): void;
  clock(): { nowUs: number; now: string; speed: number; manual: boolean };
  failNextTask(tenant: string, result?: number, comment?: string): { applied: 'current' | 'next' };
  setArchive(tenant: string, action: 'stop' | 'resume' | 'interrupt'): void;
  setTenantStatus(tenant: string, status: string): void;
  /** Drops every client connection; with refuseSeconds, refuses new ones that long (an observer restart). */
  dropConnections(refuseSeconds?: number): number;
  /** Freezes the SQL port (connections open, nothing answered) for `seconds`, or until stall(false). */
  stall(on: boolean, seconds?: number): { stalled: boolean };
  seedHistory(count: number, seed?: number): { jobs: number; ms: number };
  stats(): ClusterStats;
  /** Connection peaks in stats() start again from what is open now. */
  resetPeaks(): void;
  statements(limit?: number): StatementRecord[];
  reset(): Promise<void>;
  /** A session without a socket, for tests and tools (password checked). */
  login(user: string, password: string, database?: string): SimSession;
}

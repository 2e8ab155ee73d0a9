import type { AccountOption, TenantOption } from './config.js';
import type { SimulatorControl } from './control/api.js';

export interface SimulatorOptions {
  /** Default 127.0.0.1 (the SQL port; the control channel is always on 127.0.0.1). */
  host?: string;
  /** SQL port; 0 = ephemeral. Default 2881. */
  port?: number;
  /** Control channel port; 0 = ephemeral; null/false = no control channel. Default 2886. */
  controlPort?: number | null | false;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  /** Time moves only through control.advance(). */
  manualClock?: boolean;
  /** Seed for every size and duration (default 1). */
  seed?: number;
  /** Finished jobs to put in the history at start. */
  seedHistory?: number;
  /** Persist the database here (written at most once a second and on close). */
  dataFile?: string;
  tenants?: TenantOption[];
  accounts?: AccountOption[];
  serverVersion?: string;
  /** false simulates a 4.2 build without DATA_PROGRESS / LOG_* in the TASKS views. */
  dataProgressColumns?: boolean;
  /** Behave like OBProxy for this cluster name: accept `user@tenant#name`. */
  clusterName?: string;
}

export interface Simulator {
  sqlPort: number;
  controlPort: number | null;
  host: string;
  control: SimulatorControl;
  close(): Promise<void>;
}

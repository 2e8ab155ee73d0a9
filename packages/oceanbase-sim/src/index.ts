export * from './protocol/types.js';
export { startSimulator } from './simulator.js';
export { ControlError } from './errors.js';
export type { Simulator, SimulatorControl, SimulatorOptions } from './simulator.js';
export type { AccountOption, TenantOption, CompatibilityMode } from './config.js';
export { DEFAULT_ACCOUNTS, DEFAULT_TENANTS, DEFAULT_SERVER_VERSION } from './config.js';
export type { ClusterStats, StatementRecord } from './cluster.js';

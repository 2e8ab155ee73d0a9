import { OBSERVER_ADDR } from '../config.js';
import type { CompatibilityMode } from '../config.js';
import { OB_MESSAGES } from '../errors.js';
import type { Rng } from './rng.js';

/** Task statuses in order; the last entry is the completion instant. */
export const TASK_PHASES = [
  'INIT',
  'BACKUP_SYS_META',
  'BACKUP_USER_META',
  // ObBackupStatus (src/share/backup/ob_backup_struct.h): the meta phases end here.
  'BACKUP_META_FINISH',
  'BACKUP_DATA_MINOR',
  'BACKUP_DATA_MAJOR',
  'BEFORE_BACKUP_LOG',
  'BACKUP_LOG',
  'COMPLETED',
] as const;
export const SYS_META = 1;
export const USER_META = 2;
export const META_FINISH = 3;
export const MINOR = 4;
export const MAJOR = 5;
export const BEFORE_LOG = 6;
export const LOG = 7;

export const S = 1_000_000;
/** How long a cancel takes from CANCELING to CANCELED. */
export const CANCEL_DELAY_US = 2 * S;
/** How long a running backup retries before failing when the archive stops. */
export const ARCHIVE_RETRY_US = 10 * S;
export const MACRO_BLOCK_BYTES = 2 * 1024 * 1024;

export type ArchiveStatus =
  | 'PREPARE'
  | 'BEGINNING'
  | 'DOING'
  | 'INTERRUPTED'
  | 'STOPPING'
  | 'STOP'
  | 'SUSPENDING'
  | 'SUSPEND';

export interface Round {
  id: number;
  status: ArchiveStatus;
  startUs: number;
  /** Checkpoint frozen at this instant once the round leaves DOING. */
  frozenUs: number | null;
  /** Status changes still to come, in time order. */
  pending: { status: ArchiveStatus; atUs: number }[];
  pieceSwitchUs: number;
  path: string;
  bytesPerSecond: number;
}

export interface TenantState {
  id: number;
  name: string;
  mode: CompatibilityMode;
  status: string;
  createUs: number;
  dataBackupDest: string | null;
  usedDataDests: string[];
  logMode: 'ARCHIVELOG' | 'NOARCHIVELOG';
  archiveDest: { path: string; binding: 'OPTIONAL' | 'MANDATORY'; pieceSwitch: string } | null;
  archiveDestState: 'ENABLE' | 'DEFER';
  round: Round | null;
  nextRoundId: number;
  nextJobId: number;
  nextSetId: number;
  nextTaskId: number;
  dataBytes: number;
  pendingFault: { result: number; comment: string | null } | null;
}

export interface Plan {
  tablets: number;
  macroBlocks: number;
  inputBytes: number;
  ratio: number;
  extraBytes: number;
  logFiles: number;
  minorShare: number;
}

export interface UserJob {
  tenantId: number;
  jobId: number;
  setId: number;
  taskId: number;
  initiatorTenantId: number;
  initiatorJobId: number;
  backupType: 'FULL' | 'INC';
  status: 'INIT' | 'DOING' | 'CANCELING';
  /** Index into TASK_PHASES of the task's current phase (processed up to). */
  phase: number;
  phaseStarts: number[];
  plan: Plan;
  startScn: string;
  cancelAtUs: number | null;
  fault: { atUs: number; result: number; comment: string } | null;
  archiveLost: { atUs: number; result: number } | null;
  /** Previous successful sets on this path when the job was created (for INC set rows). */
  prev: { full: number; latest: number };
}

export interface ClusterJob {
  jobId: number;
  children: { tenantId: number; jobId: number }[];
  status: 'INIT' | 'DOING' | 'CANCELING';
  cancelAtUs: number | null;
  leftInit: Record<string, number>;
  ended: Record<string, { atUs: number; result: number; comment: string }>;
}

export interface EncryptionSetting {
  mode: 'NONE' | 'PASSWORD';
  passwd: string;
}

export interface EngineSnapshot {
  tenants: TenantState[];
  jobs: UserJob[];
  clusterJobs: ClusterJob[];
  sysNextJobId: number;
  seed: number;
}

export const scnOf = (us: number): string => (BigInt(Math.floor(us)) * 1000n).toString();

export function comment(kind: 'ROOTSERVICE' | 'SERVER', result: number, trace: string): string {
  const msg = OB_MESSAGES[result] ?? 'Internal error';
  return kind === 'ROOTSERVICE'
    ? `(ROOTSERVICE)addr: ${OBSERVER_ADDR}, result: ${result}(${msg}), trace_id: ${trace}`
    : `(SERVER)ls_id: 1001, addr: ${OBSERVER_ADDR}, module: BACKUP_DATA, result: ${result}(${msg}), trace_id: ${trace}`;
}

/** A task's and a set file's COMMENT: the plain ob_strerror text of the result ('' for success). */
export function plainComment(result: number): string {
  return result === 0 ? '' : (OB_MESSAGES[result] ?? 'Internal error');
}

export function traceId(rng: Rng): string {
  return `YB427F000001-${rng.hex(16)}-0-0`;
}

export interface BackupOptions {
  plusArchivelog: boolean;
  description: string;
  encryption: EncryptionSetting;
}

import type { Store } from '../catalog/store.js';
import type { UserJob } from './model.js';
import {
  BEFORE_LOG,
  LOG,
  MAJOR,
  META_FINISH,
  MINOR,
  SYS_META,
  TASK_PHASES,
  USER_META,
  scnOf,
} from './model.js';

/** Index into TASK_PHASES of the phase running at `at` (7 = finished). */
export function phaseIndex(job: UserJob, at: number): number {
  let idx = 0;
  for (let i = 1; i < job.phaseStarts.length; i++) {
    if ((job.phaseStarts[i] ?? Infinity) <= at) idx = i;
  }
  return Math.min(idx, TASK_PHASES.length - 1);
}

/** The task's counters at `at`, from its plan and phase instants. */
export function counters(job: UserJob, at: number) {
  const idx = phaseIndex(job, at);
  const start = job.phaseStarts[idx] ?? at;
  const end = job.phaseStarts[idx + 1] ?? start;
  const f = end > start ? Math.min(1, Math.max(0, (at - start) / (end - start))) : 1;
  const p = job.plan;
  const dataFrac =
    idx < MINOR
      ? 0
      : idx === MINOR
        ? f * p.minorShare
        : idx === MAJOR
          ? p.minorShare + f * (1 - p.minorShare)
          : 1;
  const macroTotal = idx >= MINOR ? p.macroBlocks : 0;
  const finishMacro = Math.floor(macroTotal * dataFrac);
  const input = Math.floor(p.inputBytes * dataFrac);
  const extra =
    idx === SYS_META
      ? 0
      : idx === USER_META
        ? Math.floor(p.extraBytes * 0.4 * f)
        : idx === META_FINISH || (idx === MINOR && f === 0)
          ? Math.floor(p.extraBytes * 0.4)
          : idx >= MINOR
            ? p.extraBytes
            : 0;
  const logTotal = idx >= BEFORE_LOG ? p.logFiles : 0;
  const finishLog = idx === LOG ? Math.floor(p.logFiles * f) : idx > LOG ? p.logFiles : 0;
  return {
    status: TASK_PHASES[idx] ?? 'INIT',
    tablets: idx >= MINOR ? p.tablets : 0,
    finishTablets: Math.floor((idx >= MINOR ? p.tablets : 0) * dataFrac),
    macroTotal,
    finishMacro,
    input,
    output: Math.floor(input * p.ratio),
    extra,
    fileCount: idx >= MINOR ? 2 + Math.ceil(finishMacro / 16) : idx >= 1 ? 1 : 0,
    userLsStartScn: idx >= USER_META ? scnOf(job.phaseStarts[USER_META] ?? at) : '0',
    endScn: idx >= BEFORE_LOG ? scnOf(job.phaseStarts[BEFORE_LOG] ?? at) : '0',
    dataTurn: idx >= MINOR ? 1 : 0,
    logTotal,
    finishLog,
  };
}

/** Writes the task and set-file counters at `at`. */
export function writeProgress(store: Store, job: UserJob, at: number): void {
  const c = counters(job, at);
  store.run(
    `UPDATE __all_backup_task SET status = ?, end_scn = ?, user_ls_start_scn = ?, input_bytes = ?, output_bytes = ?, extra_bytes = ?,
         tablet_count = ?, finish_tablet_count = ?, macro_block_count = ?, finish_macro_block_count = ?, file_count = ?,
         data_turn_id = ?, log_file_count = ?, finish_log_file_count = ?
       WHERE tenant_id = ? AND task_id = ?`,
    [
      c.status === 'COMPLETED' ? 'BACKUP_LOG' : c.status,
      c.endScn,
      c.userLsStartScn,
      c.input,
      c.output,
      c.extra,
      c.tablets,
      c.finishTablets,
      c.macroTotal,
      c.finishMacro,
      c.fileCount,
      c.dataTurn,
      c.logTotal,
      c.finishLog,
      job.tenantId,
      job.taskId,
    ],
  );
  store.run(
    `UPDATE __all_backup_set_files SET input_bytes = ?, output_bytes = ?, extra_bytes = ?, tablet_count = ?, finish_tablet_count = ?,
         macro_block_count = ?, finish_macro_block_count = ?, file_count = ?, data_turn_id = ?
       WHERE tenant_id = ? AND backup_set_id = ?`,
    [
      c.input,
      c.output,
      c.extra,
      c.tablets,
      c.finishTablets,
      c.macroTotal,
      c.finishMacro,
      c.fileCount,
      c.dataTurn,
      job.tenantId,
      job.setId,
    ],
  );
}

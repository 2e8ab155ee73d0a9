import type { Progress } from '@obconsole/contracts';

export interface ProgressInput {
  jobStatus: string;
  /** ms since the epoch the task (or job, before the task exists) started. */
  startedAtMs: number;
  nowMs: number;
  task: {
    macroBlockCount: number;
    finishMacroBlockCount: number;
    tabletCount: number;
    finishTabletCount: number;
    inputBytes: number;
    outputBytes: number;
    dataProgress: number | null;
  } | null;
}

/** Below this share of the work an ETA is mostly noise, so none is given. */
export const ETA_MIN_PERCENT = 5;

/**
 * The reference's formula: DATA_PROGRESS when the view has it, else finished / total macro
 * blocks; never 100 before the job is COMPLETED. The view's own rate is 0 while running, so
 * the rate is output bytes over elapsed time.
 */
export function computeProgress({ jobStatus, startedAtMs, nowMs, task }: ProgressInput): Progress {
  const elapsedSeconds = Math.max(0, (nowMs - startedAtMs) / 1000);
  const blocks = { done: task?.finishMacroBlockCount ?? 0, total: task?.macroBlockCount ?? 0 };
  const tablets = { done: task?.finishTabletCount ?? 0, total: task?.tabletCount ?? 0 };
  let percent: number;
  if (jobStatus === 'COMPLETED') percent = 100;
  else if (task?.dataProgress !== null && task?.dataProgress !== undefined)
    percent = Math.min(99.99, task.dataProgress);
  else if (blocks.total > 0)
    percent = Math.min(99.99, Math.round((10_000 * blocks.done) / blocks.total) / 100);
  else percent = 0;
  const outputBytes = task?.outputBytes ?? 0;
  const rateBytesPerSec = elapsedSeconds > 0 ? outputBytes / elapsedSeconds : 0;
  const etaSeconds =
    percent >= ETA_MIN_PERCENT && percent < 100
      ? Math.round((elapsedSeconds * (100 - percent)) / percent)
      : null;
  return {
    percent,
    macroBlocks: blocks,
    tablets,
    inputBytes: task?.inputBytes ?? 0,
    outputBytes,
    rateBytesPerSec: Math.round(rateBytesPerSec),
    elapsedSeconds: Math.round(elapsedSeconds),
    etaSeconds,
  };
}

/** A cluster job's progress is the sum of its tenant jobs'. */
export function sumProgress(parts: Progress[], jobStatus: string): Progress {
  const add = (f: (p: Progress) => number) => parts.reduce((s, p) => s + f(p), 0);
  const blocks = { done: add((p) => p.macroBlocks.done), total: add((p) => p.macroBlocks.total) };
  const elapsedSeconds = Math.max(0, ...parts.map((p) => p.elapsedSeconds));
  const outputBytes = add((p) => p.outputBytes);
  let percent =
    jobStatus === 'COMPLETED'
      ? 100
      : parts.length
        ? Math.min(99.99, add((p) => p.percent) / parts.length)
        : 0;
  percent = Math.round(percent * 100) / 100;
  return {
    percent,
    macroBlocks: blocks,
    tablets: { done: add((p) => p.tablets.done), total: add((p) => p.tablets.total) },
    inputBytes: add((p) => p.inputBytes),
    outputBytes,
    rateBytesPerSec: add((p) => p.rateBytesPerSec),
    elapsedSeconds,
    etaSeconds: parts.some((p) => p.etaSeconds === null)
      ? null
      : Math.max(0, ...parts.map((p) => p.etaSeconds ?? 0)),
  };
}

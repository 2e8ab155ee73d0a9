import type { FinishedKey } from './watcher.sql.js';

const TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

/** Microseconds since the epoch of the console's UTC text ('YYYY-MM-DD HH:MM:SS[.ffffff]'). */
export function obTimeToUs(text: string): number {
  const m = TEXT.exec(text.trim());
  if (!m) return NaN;
  const secondsMs = Date.parse(`${m[1]}T${m[2]}Z`);
  return secondsMs * 1000 + Number((m[3] ?? '').padEnd(6, '0'));
}

/** The console's UTC text of a microsecond instant. */
export function usToObTime(us: number): string {
  const seconds = Math.floor(us / 1_000_000);
  const micros = us - seconds * 1_000_000;
  const d = new Date(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`
  );
}

export function jobKey(k: { tenantId: number; jobId: number }): string {
  return `${k.tenantId}:${k.jobId}`;
}

/** The cluster's clock found behind the position by more than the overlap (see FinishedKeyset.stepBack). */
export interface ClockStep {
  /** The position before the step, in µs. */
  fromUs: number;
  /** The cluster's present as just read, in µs. */
  clusterUs: number;
  /** Where the position starts again: the cluster's present less the time since the last check. */
  restartUs: number;
}

/** The rows read after a step, sorted (FinishedKeyset.sortAfterStep). */
export interface StepRead<T> {
  /** Nothing in the history ended after the cluster's present: it was rebuilt, not kept. */
  rebuilt: boolean;
  /** Not reported yet: news. */
  fresh: T[];
  /** Ended before the step and already reported (or history when the watcher started). */
  known: T[];
}

/** What the state step applies after a step (FinishedKeyset.restart). */
export interface StepRestart extends Omit<StepRead<FinishedKey>, 'fresh'> {
  step: ClockStep;
  /** A rebuilt history's highest job ids, read again. */
  jobIds?: ReadonlyMap<number, number>;
}

/**
 * Where the watcher stands in the history of finished jobs, and which jobs it has reported.
 *
 * The position is the newest END_TIMESTAMP seen, never beyond the cluster's present as last
 * read. Each poll reads from `overlapMs` before it, because a job can reach the history with an
 * end time a little older than one already seen (clock granularity, two observers' clocks, a
 * commit that lands late), and drops what it has already reported by (tenant, job). Only the
 * reports inside the overlap are remembered: older ones can never be read again, since the
 * lower bound only moves forward, except after the cluster's clock steps back (stepBack).
 */
export class FinishedKeyset {
  #positionUs: number | null = null;
  /** The cluster's present at the last check: end times beyond it do not move the position. */
  #ceilingUs = Infinity;
  /** (tenant, job) → end time in µs, for the jobs reported within the overlap window. */
  readonly #reported = new Map<string, number>();
  /** (tenant, job) → start time in ms of the reported jobs, where known (see isRunningReported). */
  readonly #started = new Map<string, number>();
  /** Per tenant, the highest job id known to have ended: OceanBase gives each new job a higher one. */
  readonly #maxJobId = new Map<number, number>();

  constructor(private readonly overlapMs: number) {}

  /** The lower bound of the next read (UTC text), or null to read from the beginning. */
  since(): string | null {
    return this.#positionUs === null ? null : usToObTime(this.#positionUs - this.overlapMs * 1000);
  }

  /** Newest end time seen, for diagnostics. */
  get position(): string | null {
    return this.#positionUs === null ? null : usToObTime(this.#positionUs);
  }

  /**
   * Whether this job was reported. With an end time, a report of the same key that ended at
   * another time is another job: a cluster rebuilt behind its address numbers its jobs from 1
   * again, and its clock may be too close to the old one's for stepBack to see a step.
   */
  has(key: { tenantId: number; jobId: number; endTimestamp?: string | null }): boolean {
    const us = this.#reported.get(jobKey(key));
    if (us === undefined) return false;
    if (!key.endTimestamp) return true;
    const end = obTimeToUs(key.endTimestamp);
    return !Number.isFinite(end) || end === us;
  }

  /**
   * Whether a job in the running view is one already reported as finished (the views can show
   * it in both for a moment): same key and, when both are known, the same start (to the second).
   */
  isRunningReported(job: { tenantId: number; jobId: number; startTime: string }): boolean {
    const k = jobKey(job);
    if (!this.#reported.has(k)) return false;
    const started = this.#started.get(k);
    const startMs = Date.parse(job.startTime);
    return started === undefined || !Number.isFinite(startMs) || Math.abs(started - startMs) < 1000;
  }

  /** Starts the position at an end time without reporting anything (the watcher's start). */
  startAt(endTimestamp: string | null): void {
    if (endTimestamp === null) return;
    const us = obTimeToUs(endTimestamp);
    if (Number.isFinite(us)) this.#positionUs = Math.max(this.#positionUs ?? us, us);
  }

  /** The highest job id of each tenant in the history (the watcher's start). */
  noteJobIds(ids: ReadonlyMap<number, number>): void {
    for (const [tenantId, jobId] of ids)
      this.#maxJobId.set(tenantId, Math.max(this.#maxJobId.get(tenantId) ?? jobId, jobId));
  }

  /** Records a job as reported and moves the position forward; false when it already was. */
  add(row: FinishedKey): boolean {
    if (this.has(row)) return false;
    const us = obTimeToUs(row.endTimestamp);
    this.#remember(row, Number.isFinite(us) ? us : (this.#positionUs ?? 0));
    this.noteJobIds(new Map([[row.tenantId, row.jobId]]));
    if (Number.isFinite(us)) {
      const to = Math.min(us, this.#ceilingUs);
      this.#positionUs = Math.max(this.#positionUs ?? to, to);
    }
    return true;
  }

  /** The cluster's present, read without a step: the position stays behind it. */
  observe(clusterUs: number): void {
    this.#ceilingUs = clusterUs;
  }

  /**
   * Whether the cluster's present is behind the position by more than the overlap: its clock
   * stepped back, or it was rebuilt behind the same address, and every job that ends from now on
   * would fall below the lower bound. The reads start again from the cluster's present less the
   * time since the clock was last checked, so that what ended in between is read too.
   */
  stepBack(clusterUs: number, sinceCheckMs: number): ClockStep | null {
    const from = this.#positionUs;
    if (from === null || clusterUs >= from - this.overlapMs * 1000) return null;
    return { fromUs: from, clusterUs, restartUs: clusterUs - Math.max(0, sinceCheckMs) * 1000 };
  }

  /** The lower bound of the read after a step (UTC text). */
  sinceStep(step: ClockStep): string {
    return usToObTime(step.restartUs - this.overlapMs * 1000);
  }

  /**
   * Sorts the rows read from sinceStep() into news and what was reported before the step. With
   * a rebuilt history every row is news (the old rows are gone, and job ids start again). With
   * a kept one (an NTP step), a row that ended before the old lower bound was reported then,
   * unless its job id is above every one of its tenant the watcher knew (a job that started
   * after the last poll) or the watcher saw the job running (`tracked`: it ended after the step;
   * a tenant runs a sys-started and a self-started job side by side, so a lower id can end later).
   */
  sortAfterStep<T extends FinishedKey>(
    step: ClockStep,
    rows: readonly T[],
    tracked: (key: string) => boolean,
  ): StepRead<T> {
    const overlapUs = this.overlapMs * 1000;
    const rebuilt = !rows.some((r) => obTimeToUs(r.endTimestamp) > step.clusterUs + overlapUs);
    if (rebuilt) return { rebuilt, fresh: [...rows], known: [] };
    const bound = step.fromUs - overlapUs;
    const out: StepRead<T> = { rebuilt, fresh: [], known: [] };
    for (const r of rows) {
      if (this.has(r)) continue;
      const old =
        obTimeToUs(r.endTimestamp) < bound &&
        !tracked(jobKey(r)) &&
        r.jobId <= (this.#maxJobId.get(r.tenantId) ?? 0);
      (old ? out.known : out.fresh).push(r);
    }
    return out;
  }

  /**
   * Starts again after a step: from its restart point, remembering the rows reported before it
   * (they are read again until the cluster's time passes them) without moving the position to
   * their end times. A rebuilt history forgets every report and job id of the old one, and
   * takes the new one's.
   */
  restart({ step, rebuilt, known, jobIds }: StepRestart): void {
    if (rebuilt) {
      this.#reported.clear();
      this.#started.clear();
      this.#maxJobId.clear();
    }
    if (jobIds) this.noteJobIds(jobIds);
    this.#positionUs = step.restartUs;
    this.#ceilingUs = step.clusterUs;
    for (const r of known) this.#remember(r, obTimeToUs(r.endTimestamp));
  }

  /** A report: its end time, and its start time (to the ms) when the row has one. */
  #remember(row: FinishedKey, endUs: number): void {
    const key = jobKey(row);
    this.#reported.set(key, endUs);
    const startUs = row.startTimestamp ? obTimeToUs(row.startTimestamp) : NaN;
    if (Number.isFinite(startUs)) this.#started.set(key, Math.floor(startUs / 1000));
    else this.#started.delete(key);
  }

  /** Forgets reports that ended before the lower bound: no read can return them again. */
  prune(): void {
    if (this.#positionUs === null) return;
    const bound = this.#positionUs - this.overlapMs * 1000;
    for (const [key, us] of this.#reported)
      if (us < bound) {
        this.#reported.delete(key);
        this.#started.delete(key);
      }
  }

  get remembered(): number {
    return this.#reported.size;
  }
}
